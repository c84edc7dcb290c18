from frappe.model.document import Document


class OwnerForumOpinion(Document):
	pass
