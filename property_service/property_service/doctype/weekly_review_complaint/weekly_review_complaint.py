from frappe.model.document import Document


class WeeklyReviewComplaint(Document):
	pass
