from property_service.controllers.kept_row import KeptRecordRow


class ArchiveTransferComplaint(KeptRecordRow):
	pass
