from frappe.model.document import Document


class EscalationLevel(Document):
	"""A row of the company's escalation ladder (ES-5), bottom to top, in Property Service Settings."""

	pass
