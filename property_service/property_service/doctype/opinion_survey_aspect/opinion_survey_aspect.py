from frappe.model.document import Document


class OpinionSurveyAspect(Document):
	pass
