from frappe.model.document import Document


class OpinionSurveyResult(Document):
	pass
