from property_service.controllers.kept_row import KeptRecordRow


class ReceivedTimeCorrection(KeptRecordRow):
	"""One correction of when an accepted complaint was received: the supervisor's, with the reason."""
