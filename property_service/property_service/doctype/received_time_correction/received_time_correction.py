from property_service.controllers.narrowed_child import NarrowedChildRow


class ReceivedTimeCorrection(NarrowedChildRow):
	"""One correction of when an accepted complaint was received: the supervisor's, with the reason."""
