from frappe.model.document import Document


class CourtesyVisitRound(Document):
	pass
