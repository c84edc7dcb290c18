from frappe.model.document import Document


class Estate(Document):
	pass
