from frappe.model.document import Document


class ServiceTeam(Document):
	pass
