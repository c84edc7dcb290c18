from frappe.model.document import Document


class SurveyRating(Document):
	pass
