from frappe.model.document import Document


class Building(Document):
	pass
