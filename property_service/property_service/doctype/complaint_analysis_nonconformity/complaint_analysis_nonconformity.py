from frappe.model.document import Document


class ComplaintAnalysisNonconformity(Document):
	pass
