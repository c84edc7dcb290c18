from frappe.model.document import Document


class ComplaintAnalysisDecision(Document):
	pass
