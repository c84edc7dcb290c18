"""RC-5: the company's manager checks how complaints were handled. A check takes a sample of the
complaints closed in a period (every Major one and the settings' number at random, rules/handling_checks.py),
records a finding for each, and on submission each finding that calls for one becomes a Handling Check
Action, carried out by its deadline (watched by the daily sweep) like the other corrective actions."""

import random
from datetime import datetime, time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import add_days, formatdate, getdate

from property_service.controllers.settings import get_settings
from property_service.exceptions import HandlingCheckError
from property_service.records import save_with_app_change
from property_service.rules.handling_checks import check_status, draw_check_sample

SHORTFALL = "Shortfall Found"


class ComplaintHandlingCheck(Document):
	def validate(self):
		self.validate_period()
		self.set_title()
		self.validate_findings()

	def validate_period(self):
		if getdate(self.period_from) > getdate(self.period_to):
			frappe.throw(_("The period's start must be before its end."), HandlingCheckError)

	def set_title(self):
		self.title = _("Check of complaints closed {0} to {1}").format(
			formatdate(self.period_from), formatdate(self.period_to)
		)

	def validate_findings(self):
		seen = set()
		for row in self.findings:
			if row.complaint in seen:
				frappe.throw(
					_("Row {0}: complaint {1} is checked twice.").format(row.idx, row.complaint),
					HandlingCheckError,
				)
			seen.add(row.complaint)
			if row.needs_action and not row.due_on:
				row.due_on = add_days(self.checked_on, get_settings().handling_check_action_days or 0)

	def before_submit(self):
		if not self.findings:
			frappe.throw(_("Check at least one complaint before submitting."), HandlingCheckError)
		for row in self.findings:
			if not row.result:
				frappe.throw(
					_("Row {0}: say whether complaint {1} was handled properly.").format(
						row.idx, row.complaint
					),
					HandlingCheckError,
				)
			if row.result == SHORTFALL and not (row.finding or "").strip():
				frappe.throw(
					_("Row {0}: write down the shortfall found in complaint {1}.").format(
						row.idx, row.complaint
					),
					HandlingCheckError,
				)
			if row.needs_action and not (
				(row.measure or "").strip() and (row.service_team or row.responsible_user)
			):
				frappe.throw(
					_(
						"Row {0}: an action needs the measure required and the team or person responsible."
					).format(row.idx),
					HandlingCheckError,
				)

	def on_submit(self):
		self.make_actions()
		self.refresh_status()

	def make_actions(self):
		"""Each finding that calls for an action becomes one, assigned to whoever carries it out."""
		for row in self.findings:
			if not row.needs_action or row.action:
				continue
			action = frappe.get_doc(
				{
					"doctype": "Handling Check Action",
					"handling_check": self.name,
					"complaint": row.complaint,
					"problem": row.finding or row.measure,
					"measure": row.measure,
					"service_team": row.service_team,
					"responsible_user": row.responsible_user,
					"due_on": row.due_on,
				}
			).insert()
			row.db_set({"action": action.name, "action_status": action.status})

	def refresh_status(self):
		"""The check's status and open actions, from its actions as they stand."""
		statuses = [row.action_status for row in self.findings if row.action]
		self.db_set(
			{
				"status": check_status(statuses),
				"actions_open": sum(1 for status in statuses if status != "Rectified"),
			}
		)

	@frappe.whitelist()
	def draw_sample(self) -> int:
		"""Fill the findings with the sample: the complaints closed in the period (in the estate), every
		Major one and the settings' number at random; rows already judged stay. Returns how many were added."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("The sample of a submitted check cannot change."), HandlingCheckError)
		closed, major = closed_complaints(self.estate, self.period_from, self.period_to)
		if not closed:
			frappe.throw(_("No complaint was closed in this period."), HandlingCheckError)
		size = self.sample_size or get_settings().handling_check_sample_size
		seed = self.sample_seed or random.SystemRandom().randint(1, 2**31 - 1)
		judged = {row.complaint for row in self.findings if row.result or row.finding}
		self.set("findings", [row for row in self.findings if row.complaint in judged])
		added = 0
		for name in draw_check_sample(closed, size or 0, seed, always=major):
			if name not in judged:
				self.append("findings", {"complaint": name})
				added += 1

		def record_sample():
			self.sample_seed = seed
			self.closed_complaints = len(closed)

		save_with_app_change(self, record_sample)
		return added


def closed_complaints(estate, period_from, period_to) -> tuple[list[str], list[str]]:
	"""The complaints closed in the period (resolved in it and closed since), and which of them were Major."""
	complaint = DocType("Complaint Register")
	start = datetime.combine(getdate(period_from), time.min)
	end = datetime.combine(add_days(getdate(period_to), 1), time.min)
	condition = (
		(complaint.status == "Closed") & (complaint.resolved_on >= start) & (complaint.resolved_on < end)
	)
	if estate:
		condition &= complaint.estate == estate
	rows = frappe.qb.from_(complaint).select(complaint.name, complaint.classification).where(condition).run()
	return [name for name, _classification in rows], [name for name, kind in rows if kind == "Major"]


def on_action_update(action):
	"""A finding's action changed state: the finding and the check show it."""
	check = frappe.get_doc("Complaint Handling Check", action.handling_check)
	for row in check.findings:
		if row.action == action.name:
			row.db_set("action_status", action.status)
	check.refresh_status()
