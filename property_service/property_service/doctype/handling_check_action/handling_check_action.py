"""RC-5: an action a finding of the manager's check calls for, carried out by a team or a person by its
deadline (watched by the daily sweep) and completed with the measures taken, like the analysis meeting's
actions (controllers/corrective_action.py). The check shows where each action stands."""

import frappe
from frappe import _

from property_service.controllers.corrective_action import TeamOrPersonAction
from property_service.exceptions import CorrectiveActionError
from property_service.property_service.doctype.complaint_handling_check.complaint_handling_check import (
	on_action_update,
)


class HandlingCheckAction(TeamOrPersonAction):
	def validate(self):
		self.validate_check()
		self.validate_responsible()
		self.record_completion()

	def validate_check(self):
		if frappe.db.get_value("Complaint Handling Check", self.handling_check, "docstatus") != 1:
			frappe.throw(_("An action follows a submitted handling check."), CorrectiveActionError)

	def assignment_description(self) -> str:
		return _("Handling check action by {0}: {1}").format(self.due_on, self.measure)

	def is_visited(self) -> bool:
		"""The manager's finding is about the office's handling, not a household's problem: no visit."""
		return False

	def on_update(self):
		super().on_update()
		if self.get_doc_before_save() and self.has_value_changed("status"):
			on_action_update(self)


def on_doctype_update():
	frappe.db.add_index("Handling Check Action", ["status", "due_on"])
