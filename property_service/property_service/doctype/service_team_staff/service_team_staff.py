from frappe.model.document import Document


class ServiceTeamStaff(Document):
	pass
