from frappe.model.document import Document


class HandlingCheckFinding(Document):
	pass
