from frappe.model.document import Document


class SurveyAspect(Document):
	pass
