from property_service.controllers.kept_row import KeptRecordRow


class ComplaintAnalysisAttendee(KeptRecordRow):
	pass
