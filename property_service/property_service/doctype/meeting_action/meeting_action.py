"""RC-2, RC-3: a decision of the complaint analysis meeting, carried out by a team or a person by a
deadline (watched by the daily sweep) and, where the problem came from a household, visited when done."""

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

# the kind of return visit that follows a corrective action (Return Visit's visit_kind)
VISIT_KIND = "Survey Action"


class MeetingActionError(frappe.ValidationError):
	pass


class MeetingAction(Document):
	def validate(self):
		self.take_household()
		self.validate_responsible()
		self.record_completion()

	def take_household(self):
		if self.resident and not self.property_unit:
			self.property_unit = frappe.db.get_value("Resident", self.resident, "property_unit")

	def validate_responsible(self):
		if not (self.service_team or self.responsible_user):
			frappe.throw(_("Name the team or the person responsible for the action."), MeetingActionError)

	def record_completion(self):
		if self.has_value_changed("status") and self.status == "Rectified":
			if not (self.measures_taken or "").strip():
				frappe.throw(_("Record the measures taken before completing the action."), MeetingActionError)
			self.completed_on = now_datetime()

	def responsible(self) -> str | None:
		return self.responsible_user or frappe.db.get_value("Service Team", self.service_team, "head")

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
					"description": _("Meeting action by {0}: {1}").format(self.due_on, self.measure),
					"date": self.due_on,
				},
				ignore_permissions=True,
			)

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Rectified":
			# the responsible part is done; the return visit is the office's
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
			self.schedule_return_visit()
		elif self.has_value_changed("status") and self.reopen_count:
			self.assign_responsible()  # reopened after the return visit

	def schedule_return_visit(self):
		"""A problem that came from a household: the household is asked whether it is fixed (RC-3)."""
		if not (self.property_unit or self.resident):
			return
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
		if self.status == "Rectified":
			frappe.throw(_("This action is already completed."), MeetingActionError)
		if measures_taken:
			self.measures_taken = measures_taken
		self.status = "Rectified"
		self.save()

	def on_return_visit(self, visit):
		"""Not satisfied: the action is open again for whoever is responsible."""
		self.resident_satisfied = visit.satisfied
		if visit.satisfied == "Not Satisfied":
			self.status = "Rectifying"
			self.completed_on = None
			self.reopen_count = (self.reopen_count or 0) + 1
		# the visitor records the resident's view; writing it here is the office's rule
		self.flags.ignore_permissions = True
		self.save()


def on_doctype_update():
	frappe.db.add_index("Meeting Action", ["status", "due_on"])
