"""SV-6: what a survey found unsatisfactory, fixed by a team by a deadline, then a return visit."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.doctype.return_visit.return_visit import schedule_visit
from property_service.rules import visits


class SurveyCorrectiveAction(Document):
	def validate(self):
		if self.survey_response and self.is_new():
			self.property_unit, self.resident = frappe.db.get_value(
				"Survey Response", self.survey_response, ["property_unit", "resident"]
			)
		if self.has_value_changed("status") and self.status == "Rectified":
			if not (self.measures_taken or "").strip():
				frappe.throw(_("Record the measures taken before completing the action."))
			self.completed_on = now_datetime()

	def after_insert(self):
		head = frappe.db.get_value("Service Team", self.service_team, "head")
		if head:
			add_assignment(
				{
					"assign_to": [head],
					"doctype": self.doctype,
					"name": self.name,
					"description": _("Corrective action by {0}: {1}").format(self.due_on, self.problem),
					"date": self.due_on,
				},
				ignore_permissions=True,
			)

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Rectified":
			# the team's part is done; the return visit is the office's
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
			self.schedule_return_visit()

	def schedule_return_visit(self):
		"""The household (or, for an aspect, the households the centre chooses) is asked whether it is fixed."""
		centre_manager = frappe.db.get_value("Estate", self.estate, "service_centre_manager")
		schedule_visit(
			self,
			visit_kind="Survey Action",
			due_on=visits.repair_visit_due(
				get_datetime(self.completed_on), get_settings().survey_action_visit_days
			),
			visitor=centre_manager,
			visitor_role="Service Centre Manager",
			method="Phone",
		)

	@frappe.whitelist()
	def complete(self, measures_taken: str | None = None):
		self.check_permission("write")
		if self.status == "Rectified":
			frappe.throw(_("This action is already completed."))
		if measures_taken:
			self.measures_taken = measures_taken
		self.status = "Rectified"
		self.save()

	def on_return_visit(self, visit):
		"""Not satisfied: the action is open again for the team."""
		self.resident_satisfied = visit.satisfied
		if visit.satisfied == "Not Satisfied":
			self.status = "Rectifying"
			self.completed_on = None
			self.reopen_count = (self.reopen_count or 0) + 1
		# the visitor records the resident's view; writing it here is the office's rule
		self.flags.ignore_permissions = True
		self.save()
