import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate

from property_service.rules import complaint_states


class ShiftHandover(Document):
	def validate(self):
		if not self.cases:
			self.get_unresolved_cases()

	@frappe.whitelist()
	def get_unresolved_cases(self):
		"""RV-2: what this shift could not resolve today goes to the next shift."""
		self.check_permission("write" if not self.is_new() else "create")
		listed = {row.complaint for row in self.cases}
		day = getdate(get_datetime(self.handover_on))
		for complaint in frappe.get_list(
			"Complaint Register",
			filters={
				"estate": self.estate,
				"status": ["in", complaint_states.UNRESOLVED],
				"received_on": ["<=", f"{day} 23:59:59"],
			},
			pluck="name",
			order_by="received_on asc",
		):
			if complaint not in listed:
				self.append("cases", {"complaint": complaint})
		if not self.cases:
			frappe.msgprint(_("No unresolved complaints to hand over."))
