import frappe
from frappe import _
from frappe.model.document import Document


class RectificationNotice(Document):
	def validate(self):
		if self.status == "Rectified" and not ((self.rectification or "").strip() and self.rectified_on):
			frappe.throw(_("Record what was done and when before marking the notice rectified."))
