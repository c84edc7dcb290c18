from frappe.model.document import Document


class ComplaintCategory(Document):
	pass
