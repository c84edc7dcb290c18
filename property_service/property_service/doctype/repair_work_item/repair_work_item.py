from property_service.controllers.narrowed_child import NarrowedChildRow


class RepairWorkItem(NarrowedChildRow):
	pass
