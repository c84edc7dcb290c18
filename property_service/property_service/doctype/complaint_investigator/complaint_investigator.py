from frappe.model.document import Document


class ComplaintInvestigator(Document):
	"""A member of the investigation team the office forms for a complaint (IN-9)."""
