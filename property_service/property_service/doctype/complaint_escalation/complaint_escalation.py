from frappe.model.document import Document


class ComplaintEscalation(Document):
	pass
