from frappe.model.document import Document


class ShiftHandoverCase(Document):
	pass
