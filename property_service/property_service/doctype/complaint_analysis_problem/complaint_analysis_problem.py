from frappe.model.document import Document


class ComplaintAnalysisProblem(Document):
	pass
