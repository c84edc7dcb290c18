import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document


class RectificationNotice(Document):
	def validate(self):
		if self.status == "Rectified" and not ((self.rectification or "").strip() and self.rectified_on):
			frappe.throw(_("Record what was done and when before marking the notice rectified."))

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Rectified":
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
