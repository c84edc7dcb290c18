from frappe.model.document import Document


class ComplaintAnalysisAttendee(Document):
	pass
