from frappe.model.document import Document


class Resident(Document):
	pass
