from frappe.model.document import Document


class RepairPhoto(Document):
	pass
