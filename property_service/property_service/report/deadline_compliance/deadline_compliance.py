"""Whether the office keeps its time limits: for each deadline, how many were met on time, met late,
and are open past due, with the median and 90th percentile time taken; escalations by level (ES-3)."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import Case, CustomFunction, DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import now_datetime
from pypika.terms import LiteralValue

from property_service.controllers.escalation_ladder import get_ladder, level_name
from property_service.property_service.report.period import in_period, percent, report_period
from property_service.rules.statistics import percentile_cont

TimestampDiff = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])


@dataclass(frozen=True)
class Measured:
	deadline: str  # as Deadline Alert names it
	doctype: str
	start: str  # when the clock started (the period filters on it)
	due: str
	done: str  # when it was met


MEASURED = (
	Measured("Complaint Acceptance", "Complaint Register", "received_on", "acceptance_due", "accepted_on"),
	Measured("Complaint Reply", "Complaint Register", "received_on", "reply_due", "replied_on"),
	Measured("Handling Notice Due", "Handling Notice", "issued_on", "due_on", "completed_on"),
	Measured("Work Order Dispatch", "Repair Work Order", "requested_on", "dispatch_due", "acknowledged_on"),
	Measured("Return Visit Due", "Return Visit", "due_on", "due_on", "completed_on"),
	Measured(
		"Promised Reply", "Return Visit", "promised_reply_on", "promised_reply_on", "promised_reply_done_on"
	),
	# RV-7: rectified within the settings' hours of the visit that found the problem
	Measured("Rectification Notice Due", "Rectification Notice", "creation", "due_on", "rectified_on"),
)


def execute(filters=None):
	filters, start, end = report_period(filters)
	data = get_data(filters, start, end)
	return get_columns(), data, None, get_chart(data), get_summary(filters, start, end)


def get_data(filters, start, end) -> list[frappe._dict]:
	now = now_datetime()
	return [measure(m, filters, start, end, now) for m in MEASURED]


def get_columns() -> list[dict]:
	return [
		{"fieldname": "deadline", "label": _("Time Limit"), "fieldtype": "Data", "width": 160},
		{"fieldname": "total", "label": _("Cases"), "fieldtype": "Int", "width": 90},
		{"fieldname": "on_time", "label": _("Met on Time"), "fieldtype": "Int", "width": 110},
		{"fieldname": "late", "label": _("Met Late"), "fieldtype": "Int", "width": 100},
		{"fieldname": "overdue", "label": _("Open and Overdue"), "fieldtype": "Int", "width": 130},
		# blank where nothing was due (0 of 0 is no rate); hours to a tenth
		{
			"fieldname": "on_time_rate",
			"label": _("On-Time Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "median_hours",
			"label": _("Median Hours Taken"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
		{
			"fieldname": "p90_hours",
			"label": _("90th Percentile Hours"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
	]


def get_chart(data) -> dict:
	return {
		"data": {
			"labels": [row.deadline for row in data],
			"datasets": [
				{"name": _("Met on Time"), "values": [row.on_time for row in data]},
				{"name": _("Met Late"), "values": [row.late for row in data]},
				{"name": _("Open and Overdue"), "values": [row.overdue for row in data]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#ffa00a", "#ff5858"],
	}


def get_summary(filters, start, end) -> list[dict]:
	"""ES-3: the complaints escalated in the period, by the level they went to, up the company's ladder
	and by its names for the levels (ES-5)."""
	escalations, ladder = escalations_by_level(filters, start, end), get_ladder()
	return [
		{
			"label": _("Escalated to {0}").format(level_name(level, ladder)),
			"value": escalations.get(level, 0),
			"datatype": "Int",
		}
		for level in ladder.levels[1:]
	]


def measure(m: Measured, filters, start, end, now) -> frappe._dict:
	table = DocType(m.doctype)
	started, due, done = table[m.start], table[m.due], table[m.done]
	condition = in_period(started, start, end) & due.isnotnull()
	if filters.estate:
		condition &= table.estate == filters.estate
	counts = (
		frappe.qb.from_(table)
		.select(
			Count("*"),
			Sum(Case().when(done.isnotnull() & (done <= due), 1).else_(0)),
			Sum(Case().when(done.isnotnull() & (done > due), 1).else_(0)),
			Sum(Case().when(done.isnull() & (due < now), 1).else_(0)),
		)
		.where(condition)
		.run()[0]
	)
	total, on_time, late, overdue = (int(value or 0) for value in counts)
	# time taken, from the clock's start (a visit's from its creation) to when it was met; the
	# percentiles are the database's, so a year of a million cases is not carried into Python
	clock_start = table.creation if m.start == m.due else started
	taken = (
		frappe.qb.from_(table)
		.select(TimestampDiff(LiteralValue("MINUTE"), clock_start, done).as_("minutes"))
		.where(condition & done.isnotnull())
	).as_("taken")
	median, p90 = percentiles(taken)
	return frappe._dict(
		deadline=_(m.deadline),
		total=total,
		on_time=on_time,
		late=late,
		overdue=overdue,
		on_time_rate=percent(on_time, on_time + late + overdue),
		median_hours=median,
		p90_hours=p90,
	)


def percentiles(taken) -> tuple[float | None, float | None]:
	"""Median and 90th percentile of the minutes taken, in hours. The database counts how many cases
	took each number of minutes, so a year of a million cases comes back as a few thousand rows."""
	counts = (
		frappe.qb.from_(taken)
		.select(taken.minutes, Count("*"))
		.groupby(taken.minutes)
		.orderby(taken.minutes)
		.run()
	)
	return (
		hours(percentile_cont(counts, 0.5)),
		hours(percentile_cont(counts, 0.9)),
	)


def hours(minutes: float | None) -> float | None:
	return None if minutes is None else round(minutes / 60, 1)


def escalations_by_level(filters, start, end) -> dict[str, int]:
	row, complaint = DocType("Complaint Escalation"), DocType("Complaint Register")
	query = (
		frappe.qb.from_(row)
		.join(complaint)
		.on(complaint.name == row.parent)
		.select(row.to_level, Count("*"))
		.where(in_period(row.escalated_on, start, end) & (row.parenttype == "Complaint Register"))
		.groupby(row.to_level)
	)
	if filters.estate:
		query = query.where(complaint.estate == filters.estate)
	return dict(query.run())
