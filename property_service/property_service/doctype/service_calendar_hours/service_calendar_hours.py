from frappe.model.document import Document


class ServiceCalendarHours(Document):
	pass
