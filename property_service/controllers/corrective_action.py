"""A corrective action, whether an owner survey found the problem (SV-6) or the complaint analysis
meeting decided it (RC-2, RC-3): assigned to whoever carries it out by its deadline (watched by the
daily sweep), completed with the measures taken, followed by a phone return visit from the service
centre, and open again, with its assignment, when the household is not satisfied."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from property_service.controllers.return_visits import schedule_visit
from property_service.controllers.settings import get_settings
from property_service.exceptions import CorrectiveActionError
from property_service.records import save_with_app_change
from property_service.rules import visits

DONE, UNDER_WAY = "Rectified", "Rectifying"
# the kind of return visit that follows a corrective action (Return Visit's visit_kind)
VISIT_KIND = "Survey Action"


class CorrectiveAction(Document):
	def responsible(self) -> str | None:
		"""Who carries it out: the team's head."""
		return frappe.db.get_value("Service Team", self.service_team, "head")

	def assignment_description(self) -> str:
		raise NotImplementedError

	def is_visited(self) -> bool:
		"""Whether a return visit follows once it is done."""
		return True

	def record_completion(self):
		if self.has_value_changed("status") and self.status == DONE:
			if not (self.measures_taken or "").strip():
				frappe.throw(
					_("Record the measures taken before completing the action."), CorrectiveActionError
				)
			self.completed_on = now_datetime()

	def after_insert(self):
		self.assign_responsible()

	def assign_responsible(self):
		person = self.responsible()
		if person:
			add_assignment(
				{
					"assign_to": [person],
					"doctype": self.doctype,
					"name": self.name,
					"description": self.assignment_description(),
					"date": self.due_on,
				},
				ignore_permissions=True,
			)

	def on_update(self):
		if not self.has_value_changed("status"):
			return
		if self.status == DONE:
			# the responsible part is done; the return visit is the office's
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
			if self.is_visited():
				self.schedule_return_visit()
		elif self.reopen_count:
			self.assign_responsible()  # reopened after the return visit

	def schedule_return_visit(self):
		schedule_visit(
			self,
			visit_kind=VISIT_KIND,
			due_on=visits.repair_visit_due(
				get_datetime(self.completed_on), get_settings().survey_action_visit_days
			),
			visitor=frappe.db.get_value("Estate", self.estate, "service_centre_manager"),
			visitor_role="Service Centre Manager",
			method="Phone",
		)

	@frappe.whitelist()
	def complete(self, measures_taken: str | None = None):
		self.check_permission("write")
		if self.status == DONE:
			frappe.throw(_("This action is already completed."), CorrectiveActionError)
		if measures_taken:
			self.measures_taken = measures_taken
		save_with_app_change(self, lambda: self.set("status", DONE))

	def on_return_visit(self, visit):
		"""Not satisfied: the action is open again for whoever is responsible."""
		self.resident_satisfied = visit.satisfied
		if visit.satisfied == "Not Satisfied":
			self.status = UNDER_WAY
			self.completed_on = None
			self.reopen_count = (self.reopen_count or 0) + 1
		# the visitor records the resident's view; writing it here is the office's rule
		self.flags.ignore_permissions = True
		self.save()


class TeamOrPersonAction(CorrectiveAction):
	"""An action given to a team or to one person (the analysis meeting's, the manager's check's)."""

	def validate_responsible(self):
		if not (self.service_team or self.responsible_user):
			frappe.throw(_("Name the team or the person responsible for the action."), CorrectiveActionError)

	def responsible(self) -> str | None:
		return self.responsible_user or super().responsible()
