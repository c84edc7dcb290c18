"""RC-4: the month's complaints counted for the company (投诉汇总报告, seed 002's J-65): by channel,
category, classification, validity, estate and team, how many were resolved and how many of those within
their deadlines, the residents' satisfaction on the return visits, each against the previous month, and
the analysis written from the figures. Printed with its own template for the manager's signature."""

from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, get_first_day, getdate

from property_service.property_service.report.period import in_period, percent

# what the month is counted by, in the order the summary shows them
DIMENSIONS = (
	("Channel", "channel"),
	("Category", "category"),
	("Classification", "classification"),
	("Validity", "validity"),
	("Estate", "estate"),
	("Team", "service_team"),
)
TRANSLATED = {"channel", "classification", "validity"}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	month = report_month(filters)
	months = (month_range(month), month_range(add_months(month, -1)))
	overview = get_overview(filters, months)
	data = overview_rows(overview) + dimension_rows(filters, months)
	return get_columns(), data, analysis(month, overview, data), get_chart(data), get_summary(overview)


def report_month(filters) -> date:
	"""The first day of the month reported: the filters' year and month, else the month just ended."""
	if filters.year and filters.month:
		try:
			return date(int(filters.year), int(filters.month), 1)
		except ValueError:
			frappe.throw(_("Choose a month between 1 and 12 and a year."))
	return getdate(get_first_day(add_months(getdate(), -1)))


def month_range(first_day: date) -> tuple[datetime, datetime]:
	"""The month as [start, end) datetimes."""
	return datetime.combine(first_day, time.min), datetime.combine(add_months(first_day, 1), time.min)


def counting(criterion):
	return Sum(Case().when(criterion, 1).else_(0))


def get_overview(filters, months) -> list[frappe._dict]:
	"""This month's and the previous month's headline figures: received, valid, major, resolved, resolved
	within every deadline (none breached), and the return visits made on complaints, satisfied or not."""
	complaint = DocType("Complaint Register")
	visit = DocType("Return Visit")
	figures = []
	for start, end in months:
		estate = (complaint.estate == filters.estate) if filters.estate else None
		received = in_period(complaint.received_on, start, end)
		resolved = in_period(complaint.resolved_on, start, end)
		row = (
			frappe.qb.from_(complaint)
			.select(
				counting(received).as_("received"),
				counting(received & (complaint.validity == "Valid")).as_("valid"),
				counting(received & (complaint.classification == "Major")).as_("major"),
				counting(resolved).as_("resolved"),
				counting(resolved & (complaint.deadline_breached == 0)).as_("resolved_in_time"),
			)
			.where((received | resolved) if estate is None else ((received | resolved) & estate))
			.run(as_dict=True)[0]
		)
		visited = in_period(visit.completed_on, start, end) & (visit.visit_kind == "Complaint")
		if filters.estate:
			visited &= visit.estate == filters.estate
		visits = (
			frappe.qb.from_(visit)
			.select(Count("*").as_("visits"), counting(visit.satisfied == "Satisfied").as_("satisfied"))
			.where(visited & (visit.status == "Completed"))
			.run(as_dict=True)[0]
		)
		figures.append(frappe._dict({key: int(value or 0) for key, value in {**row, **visits}.items()}))
	return figures


def overview_rows(overview) -> list[frappe._dict]:
	this, previous = overview
	section = _("Overview")
	rows = []
	for key, label, rate_of in (
		("received", _("Complaints Received"), None),
		("valid", _("Valid Complaints"), "received"),
		("major", _("Major Complaints"), "received"),
		("resolved", _("Resolved"), None),
		("resolved_in_time", _("Resolved in Time"), "resolved"),
		("visits", _("Return Visits Made"), None),
		("satisfied", _("Satisfied on the Return Visit"), "visits"),
	):
		rows.append(
			frappe._dict(
				section=section,
				key=key,
				item=label,
				this_month=this[key],
				this_rate=percent(this[key], this[rate_of]) if rate_of else None,
				previous_month=previous[key],
				previous_rate=percent(previous[key], previous[rate_of]) if rate_of else None,
				change=this[key] - previous[key],
			)
		)
	return rows


def dimension_rows(filters, months) -> list[frappe._dict]:
	"""For each dimension, its values with the complaints received in each month, the largest first."""
	complaint = DocType("Complaint Register")
	(this_start, this_end), (previous_start, previous_end) = months
	this = in_period(complaint.received_on, this_start, this_end)
	previous = in_period(complaint.received_on, previous_start, previous_end)
	condition = this | previous
	if filters.estate:
		condition &= complaint.estate == filters.estate
	rows = []
	for label, field in DIMENSIONS:
		counts = (
			frappe.qb.from_(complaint)
			.select(
				complaint[field].as_("value"),
				counting(this).as_("this_month"),
				counting(previous).as_("previous_month"),
			)
			.where(condition)
			.groupby(complaint[field])
			.run(as_dict=True)
		)
		total = sum(int(row.this_month or 0) for row in counts)
		previous_total = sum(int(row.previous_month or 0) for row in counts)
		counts.sort(
			key=lambda row: (-int(row.this_month or 0), -int(row.previous_month or 0), row.value or "")
		)
		for row in counts:
			value = row.value
			this_month, previous_month = int(row.this_month or 0), int(row.previous_month or 0)
			rows.append(
				frappe._dict(
					section=_(label),
					key=field,
					item=(_(value) if field in TRANSLATED else value) if value else _("Not Set"),
					this_month=this_month,
					this_rate=percent(this_month, total),
					previous_month=previous_month,
					previous_rate=percent(previous_month, previous_total),
					change=this_month - previous_month,
				)
			)
	return rows


def analysis(month: date, overview, data) -> str:
	"""The month's analysis, written from the figures: how many came in against the previous month, what
	most were about, how they were resolved and what the residents said on the return visits."""
	this, previous = overview
	month_label = f"{month.year}-{month.month:02d}"
	lines = [
		_("{0}: {1} complaints received ({2} the previous month), {3} valid and {4} major.").format(
			month_label, this.received, previous.received, this.valid, this.major
		)
	]
	category = top(data, "category")
	channel = top(data, "channel")
	if category:
		lines.append(
			_("Most were about {0} ({1}, {2}%); most came in by {3}.").format(
				category.item, category.this_month, category.this_rate, channel.item if channel else "-"
			)
		)
	rising = [row for row in data if row.key == "category" and row.change > 0]
	if rising:
		lines.append(
			_("Up on the previous month: {0}.").format(
				", ".join(f"{row.item} (+{row.change})" for row in rising[:3])
			)
		)
	if this.resolved:
		lines.append(
			_("{0} resolved in the month, {1} of them within every deadline ({2}%).").format(
				this.resolved, this.resolved_in_time, percent(this.resolved_in_time, this.resolved)
			)
		)
	if this.visits:
		lines.append(
			_("{0} return visits made; {1} residents satisfied ({2}%).").format(
				this.visits, this.satisfied, percent(this.satisfied, this.visits)
			)
		)
	return "".join(f"<p>{frappe.utils.escape_html(line)}</p>" for line in lines)


def top(data, key):
	rows = [row for row in data if row.key == key and row.this_month]
	return rows[0] if rows else None


def get_columns() -> list[dict]:
	return [
		{"fieldname": "section", "label": _("Counted By"), "fieldtype": "Data", "width": 120},
		{"fieldname": "item", "label": _("What Is Counted"), "fieldtype": "Data", "width": 200},
		{"fieldname": "this_month", "label": _("This Month"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "this_rate",
			"label": _("Share or Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "previous_month", "label": _("Previous Month"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "previous_rate",
			"label": _("Previous Share or Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 130,
		},
		{"fieldname": "change", "label": _("Change on Previous Month"), "fieldtype": "Int", "width": 120},
	]


def get_chart(data) -> dict:
	categories = [row for row in data if row.key == "category"][:12]
	return {
		"data": {
			"labels": [row.item for row in categories],
			"datasets": [
				{"name": _("This Month"), "values": [row.this_month for row in categories]},
				{"name": _("Previous Month"), "values": [row.previous_month for row in categories]},
			],
		},
		"type": "bar",
	}


def get_summary(overview) -> list[dict]:
	this, previous = overview
	return [
		{"label": _("Complaints Received"), "value": this.received, "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Received the Previous Month"),
			"value": previous.received,
			"datatype": "Int",
			"indicator": "Grey",
		},
		{"label": _("Valid Complaints"), "value": this.valid, "datatype": "Int", "indicator": "Orange"},
		{
			"label": _("Resolved in Time"),
			"value": percent(this.resolved_in_time, this.resolved),
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"label": _("Satisfaction"),
			"value": percent(this.satisfied, this.visits),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
