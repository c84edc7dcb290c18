from frappe.model.document import Document


class VisitSampleOrder(Document):
	pass
