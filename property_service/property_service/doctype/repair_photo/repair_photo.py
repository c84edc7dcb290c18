from property_service.controllers.kept_row import KeptRecordRow


class RepairPhoto(KeptRecordRow):
	pass
