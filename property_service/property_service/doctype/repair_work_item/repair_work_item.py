from frappe.model.document import Document


class RepairWorkItem(Document):
	pass
