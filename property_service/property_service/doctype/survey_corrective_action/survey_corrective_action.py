"""SV-6: what a survey found unsatisfactory, fixed by a team by a deadline, then a return visit
(property_service.controllers.corrective_action)."""

import frappe
from frappe import _

from property_service.controllers.corrective_action import CorrectiveAction


class SurveyCorrectiveAction(CorrectiveAction):
	"""Carried out by the responsible team; the household, or for an aspect the households the centre
	chooses, is then asked whether it is fixed."""

	def validate(self):
		if self.survey_response and self.is_new():
			self.property_unit, self.resident = frappe.db.get_value(
				"Survey Response", self.survey_response, ["property_unit", "resident"]
			)
		self.record_completion()

	def assignment_description(self) -> str:
		return _("Corrective action by {0}: {1}").format(self.due_on, self.problem)
