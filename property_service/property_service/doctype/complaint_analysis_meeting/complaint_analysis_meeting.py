"""RC-2, RC-3: half-yearly and at year end, an estate's complaints are analysed at a meeting.

The meeting starts from the period's recurring problems (the same category at the same unit or building,
or from the same resident, at least the recurring threshold of times) and the return visits on which the
resident was not satisfied. Its decisions (a measure, a responsible team or person, a deadline) become
Meeting Actions, tracked to done and followed by a return visit where the problem came from a household.
"""

from datetime import date, datetime, time, timedelta

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import cint, getdate

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.report.period import in_period
from property_service.records import save_with_app_change

# where a problem recurs, the most specific first: the same complaints are listed once, at the first
PLACES = (
	("property_unit", "Same Unit"),
	("resident", "Same Resident"),
	("building", "Same Building"),
)
# what a decision says; once it is an action, the action is what changes
DECISION_FIELDS = (
	"problem",
	"category",
	"property_unit",
	"resident",
	"measure_kind",
	"measure",
	"service_team",
	"responsible_user",
	"due_on",
	"meeting_action",
)


class MeetingError(frappe.ValidationError):
	pass


def analysis_period(period: str, year: int) -> tuple[date, date]:
	"""First Half: January to June; Year End: the whole year."""
	last_day = date(year, 6, 30) if period == "First Half" else date(year, 12, 31)
	return date(year, 1, 1), last_day


class ComplaintAnalysisMeeting(Document):
	def validate(self):
		self.set_period()
		if self.is_new() and not (self.problems or self.nonconformities):
			self.gather()
		self.validate_decisions()
		self.keep_decisions_made_into_actions()

	def set_period(self):
		if not 2000 <= cint(self.analysis_year) <= 2999:
			frappe.throw(
				_("Give the year the meeting analyses, e.g. {0}.").format(getdate().year), MeetingError
			)
		self.period_start, self.period_end = analysis_period(self.period, cint(self.analysis_year))
		self.title = f"{self.estate} {self.analysis_year} {_(self.period)}"

	def gather(self):
		"""The period's recurring problems (RC-2) and return-visit nonconformities (RC-3)."""
		start = datetime.combine(getdate(self.period_start), time.min)
		end = datetime.combine(getdate(self.period_end), time.min) + timedelta(days=1)
		self.recurring_threshold = cint(get_settings().recurring_threshold)
		self.set("problems", [])
		for problem in recurring_problems(self.estate, start, end, self.recurring_threshold):
			self.append("problems", problem)
		self.set("nonconformities", [])
		for visit in not_satisfied_visits(self.estate, start, end):
			self.append("nonconformities", visit)

	@frappe.whitelist()
	def gather_problems(self):
		"""Gather the period's problems and nonconformities again (the causes written down are kept)."""
		self.check_permission("write")
		causes = {(row.recurs_at, row.category, self.place_of(row)): row.cause for row in self.problems}

		def gather_keeping_causes():
			self.gather()
			for row in self.problems:
				row.cause = causes.get((row.recurs_at, row.category, self.place_of(row)))

		save_with_app_change(self, gather_keeping_causes)

	@staticmethod
	def place_of(row) -> str | None:
		field = next((field for field, label in PLACES if label == row.recurs_at), None)
		return row.get(field) if field else None

	def validate_decisions(self):
		for row in self.decisions:
			if not (row.service_team or row.responsible_user):
				frappe.throw(
					_("Decision {0}: name the responsible team or person.").format(row.idx), MeetingError
				)

	def keep_decisions_made_into_actions(self):
		before = self.get_doc_before_save()
		if not before:
			return
		now = {row.name: row for row in self.decisions}
		for row in before.decisions:
			if not row.meeting_action:
				continue
			current = now.get(row.name)
			if not current or any(
				str(row.get(field) or "") != str(current.get(field) or "") for field in DECISION_FIELDS
			):
				frappe.throw(
					_("Decision {0} is already action {1}: change the action instead.").format(
						row.idx, row.meeting_action
					),
					MeetingError,
				)

	@frappe.whitelist()
	def make_actions(self) -> list[str]:
		"""Each decision not yet an action becomes one; returns the actions made."""
		self.check_permission("write")
		if self.is_new():
			frappe.throw(_("Save the meeting before making its actions."), MeetingError)
		made = {}
		for row in self.decisions:
			if row.meeting_action:
				continue
			action = frappe.get_doc(
				{
					"doctype": "Meeting Action",
					"meeting": self.name,
					**{field: row.get(field) for field in DECISION_FIELDS if field != "meeting_action"},
				}
			).insert()
			made[row.name] = action.name

		def link_actions():
			for row in self.decisions:
				row.meeting_action = made.get(row.name, row.meeting_action)

		if made:
			save_with_app_change(self, link_actions)
		return list(made.values())


def recurring_problems(estate: str, start: datetime, end: datetime, threshold: int) -> list[dict]:
	"""The same category at the same unit, from the same resident or at the same building, at least
	`threshold` times in [start, end), most complaints first. A group that holds exactly the complaints
	of one listed before it (a unit's complaints that are also all of its building's) is not repeated."""
	complaint = DocType("Complaint Register")
	# one estate's half-year or year: a few hundred rows, grouped here so that the groups can be compared
	rows = (
		frappe.qb.from_(complaint)
		.select(
			complaint.name,
			complaint.category,
			complaint.property_unit,
			complaint.resident,
			complaint.building,
			complaint.received_on,
		)
		.where(
			(complaint.estate == estate)
			& in_period(complaint.received_on, start, end)
			& complaint.category.isnotnull()
		)
		.orderby(complaint.received_on)
		.run(as_dict=True)
	)
	groups: dict[tuple, list] = {}
	for row in rows:
		for field, label in PLACES:
			if row[field]:
				groups.setdefault((label, row[field], row.category), []).append(row)

	problems, listed = [], set()
	for label in (label for _field, label in PLACES):
		for (recurs_at, _place, category), members in groups.items():
			if recurs_at != label or len(members) < threshold:
				continue
			names = frozenset(member.name for member in members)
			if names in listed:
				continue
			listed.add(names)
			problems.append(
				{
					"recurs_at": recurs_at,
					"category": category,
					# the unit, resident and building the complaints have in common
					**{field: common(members, field) for field, _label in PLACES},
					"complaints": len(members),
					"first_on": members[0].received_on,
					"last_on": members[-1].received_on,
				}
			)
	problems.sort(key=lambda problem: -problem["complaints"])  # stable: the most specific first
	return problems


def common(rows, field: str):
	values = {row[field] for row in rows}
	return values.pop() if len(values) == 1 else None


def not_satisfied_visits(estate: str, start: datetime, end: datetime) -> list[dict]:
	"""RC-3: the return visits completed in [start, end) on which the resident was not satisfied."""
	visit = DocType("Return Visit")
	return (
		frappe.qb.from_(visit)
		.select(
			visit.name.as_("return_visit"),
			visit.visit_kind,
			visit.reference_doctype,
			visit.reference_name,
			visit.property_unit,
			visit.resident,
			visit.completed_on,
			visit.opinions,
		)
		.where(
			(visit.estate == estate)
			& (visit.satisfied == "Not Satisfied")
			& (visit.completed_on >= start)
			& (visit.completed_on < end)
		)
		.orderby(visit.completed_on)
		.run(as_dict=True)
	)
