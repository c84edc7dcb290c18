"""RC-2, RC-3: a decision of the complaint analysis meeting, carried out by a team or a person by a
deadline (watched by the daily sweep) and, where the problem came from a household, visited when done."""

import frappe
from frappe import _

from property_service.controllers.corrective_action import TeamOrPersonAction


class MeetingAction(TeamOrPersonAction):
	def validate(self):
		self.take_household()
		self.validate_responsible()
		self.record_completion()

	def take_household(self):
		if self.resident and not self.property_unit:
			self.property_unit = frappe.db.get_value("Resident", self.resident, "property_unit")

	def assignment_description(self) -> str:
		return _("Meeting action by {0}: {1}").format(self.due_on, self.measure)

	def is_visited(self) -> bool:
		"""A problem that came from a household: the household is asked whether it is fixed (RC-3)."""
		return bool(self.property_unit or self.resident)


def on_doctype_update():
	frappe.db.add_index("Meeting Action", ["status", "due_on"])
