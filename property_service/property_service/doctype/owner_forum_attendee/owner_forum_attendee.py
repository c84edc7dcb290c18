from frappe.model.document import Document


class OwnerForumAttendee(Document):
	pass
