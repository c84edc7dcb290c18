from frappe.model.document import Document


class OpinionSurveyStaff(Document):
	pass
