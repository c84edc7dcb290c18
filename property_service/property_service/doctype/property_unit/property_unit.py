from frappe.model.document import Document


class PropertyUnit(Document):
	pass
