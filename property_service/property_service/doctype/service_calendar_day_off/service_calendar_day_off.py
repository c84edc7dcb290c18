from frappe.model.document import Document


class ServiceCalendarDayOff(Document):
	pass
