from frappe.model.document import Document


class WeeklyReviewVisit(Document):
	pass
