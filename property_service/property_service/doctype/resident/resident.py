import frappe
from frappe import _
from frappe.model.document import Document

from property_service.property_service.doctype.key_resident_contact.key_resident_contact import (
	on_resident_update,
)


class Resident(Document):
	def validate(self):
		if self.user and frappe.db.get_value("Resident", {"user": self.user, "name": ("!=", self.name)}):
			frappe.throw(_("User {0} is already linked to another resident.").format(self.user))
		# a key resident's last and next contact come from their contacts (IN-7), never a request
		before = self.get_doc_before_save()
		self.last_contacted_on = before.last_contacted_on if before else None
		self.next_contact_due = before.next_contact_due if before else None

	def on_update(self):
		if self.is_key_resident or self.has_value_changed("is_key_resident"):
			on_resident_update(self)

	@frappe.whitelist()
	def invite_to_portal(self) -> str:
		"""A website account for the resident, linked to this household, with the welcome email."""
		self.check_permission("write")
		if self.user:
			frappe.throw(_("{0} already has a portal account: {1}.").format(self.full_name, self.user))
		if not self.email:
			frappe.throw(_("Record the resident's email first: the invitation is sent there."))
		if frappe.db.exists("User", self.email):
			frappe.throw(
				_("An account with {0} exists already; link it in the User field instead.").format(self.email)
			)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": self.email,
				"first_name": self.full_name,
				"mobile_no": self.phone,
				"user_type": "Website User",
				"language": "zh",
				"send_welcome_email": 1,
				"roles": [{"role": "Resident"}],
			}
		)
		# creating the account is the front desk's duty, not a User permission staff hold
		user.insert(ignore_permissions=True)
		self.user = user.name
		self.save()
		return user.name
