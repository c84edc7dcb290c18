from property_service.controllers.narrowed_child import NarrowedChildRow


class ComplaintEscalation(NarrowedChildRow):
	pass
