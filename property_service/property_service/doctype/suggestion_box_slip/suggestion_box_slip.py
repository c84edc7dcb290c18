from frappe.model.document import Document


class SuggestionBoxSlip(Document):
	pass
