"""One step of an opinion survey plan's approval chain (SV-2), a row of Property Service Settings."""

from frappe.model.document import Document


class SurveyApprovalStep(Document):
	pass
