"""What the workspace's number card and charts count: the data of the Custom cards and chart sources
(property_service/property_service/dashboard_chart_source/), labelled in the reader's language.

Frappe's own Count and Group By charts label months "Dec 2025" and states by their stored English
values, and cache one result for every reader; these answer each reader from the records they may read."""

from datetime import date, datetime

import frappe
from babel.core import UnknownLocaleError
from babel.dates import format_skeleton
from frappe import _
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get_result
from frappe.utils import add_months, get_datetime, get_first_day, getdate, now_datetime
from frappe.utils.dateutils import get_from_date_from_timespan, get_period_beginning

from property_service.permissions import listed_query, refuse_residents_the_desk
from property_service.property_service.report.period import percent
from property_service.rules.complaint_states import UNRESOLVED

# how each time interval's period is named (a babel skeleton: the locale orders and words it)
PERIOD_SKELETONS = {
	"Daily": "yMMMd",
	"Weekly": "yMMMd",
	"Monthly": "yMMM",
	"Quarterly": "yQQQ",
	"Yearly": "y",
}
# how long each interval's period is, roughly, and how many periods one chart shows at most
PERIOD_DAYS = {"Daily": 1, "Weekly": 7, "Monthly": 31, "Quarterly": 92, "Yearly": 366}
MAX_PERIODS = 400


@frappe.whitelist()
def satisfaction_this_month(filters: str | dict | None = None) -> dict | str:
	"""The share of residents satisfied on the return visits completed this month (RV-7); a dash
	while nobody has answered yet (0 % would say everyone was dissatisfied)."""
	readable_records("Return Visit")
	start = get_first_day(getdate())
	# of the visits the reader may read: a technician's or a team's own, as the list shows them
	listed = listed_query(
		"Return Visit",
		[
			["completed_on", ">=", start],
			["completed_on", "<", add_months(start, 1)],
			["satisfied", "in", ("Satisfied", "Not Satisfied")],
		],
		["satisfied"],
	)
	counts = dict(frappe.db.sql(f"select satisfied, count(*) from ({listed}) visit group by satisfied"))
	answered = sum(counts.values())
	if not answered:
		return "—"
	return {"value": percent(int(counts.get("Satisfied", 0)), answered), "fieldtype": "Percent"}


@frappe.whitelist()
def complaints_by_month(
	chart_name: str | None = None,
	filters: str | dict | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	**_kwargs,
) -> dict:
	return count_by_period(
		"Complaint Register", "received_on", chart_name, filters, timespan, time_interval, from_date, to_date
	)


@frappe.whitelist()
def work_orders_by_month(
	chart_name: str | None = None,
	filters: str | dict | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	**_kwargs,
) -> dict:
	return count_by_period(
		"Repair Work Order", "requested_on", chart_name, filters, timespan, time_interval, from_date, to_date
	)


@frappe.whitelist()
def unresolved_complaints_by_status(
	chart_name: str | None = None, filters: str | dict | None = None, **_kwargs
) -> dict:
	"""Unresolved complaints in each state, in the workflow's order, named as the workflow shows them."""
	readable_records("Complaint Register")
	listed = listed_query(
		"Complaint Register",
		[*estate_filter("Complaint Register", filters), ["status", "in", UNRESOLVED]],
		["status"],
	)
	counts = dict(frappe.db.sql(f"select status, count(*) from ({listed}) complaint group by status"))
	states = [state for state in UNRESOLVED if counts.get(state)]
	return {
		"labels": [_(state) for state in states],
		"datasets": [{"name": _("Complaints"), "values": [counts[state] for state in states]}],
	}


def count_by_period(doctype, datefield, chart_name, filters, timespan, time_interval, from_date, to_date):
	"""Records counted per period of their date field, as Frappe's Count chart does, with the periods
	named in the reader's language ("2025年12月")."""
	readable_records(doctype)
	chart = frappe.get_cached_doc("Dashboard Chart", chart_name) if chart_name else frappe._dict()
	timespan = timespan or chart.timespan or "Last Year"
	timegrain = time_interval or chart.time_interval or "Monthly"
	if timegrain not in PERIOD_SKELETONS:
		frappe.throw(_("Choose a time interval of the chart."))
	if timespan == "Select Date Range" and from_date:
		start, end = chart_date(from_date), chart_date(to_date or now_datetime())
	else:
		end = now_datetime()
		start = get_period_beginning(get_from_date_from_timespan(end, timespan), timegrain)
	# a range of centuries by the day would keep a worker busy for a minute and answer megabytes
	if (getdate(end) - getdate(start)).days > PERIOD_DAYS[timegrain] * MAX_PERIODS:
		frappe.throw(_("Choose a shorter date range or a longer time interval."))
	listed = listed_query(
		doctype,
		[*estate_filter(doctype, filters), [datefield, ">=", getdate(start)], [datefield, "<=", end]],
		[datefield],
	)
	# the rows Frappe's get_result takes: the day, the sum and the count of a Count chart
	rows = frappe.db.sql(
		f"select date({datefield}) as day, count(*), count(*) from ({listed}) listed group by day order by day"
	)
	periods = get_result(rows, timegrain, start.strftime("%Y-%m-%d"), end, "Count")
	return {
		"labels": [period_label(day, timegrain) for day, _count in periods],
		"datasets": [{"name": _(chart.name or doctype), "values": [count for _day, count in periods]}],
	}


def period_label(day: date | datetime, timegrain: str) -> str:
	"""A period named in the reader's locale: 2025年12月, Dec 2025; a week by its last day, as Frappe's."""
	try:
		return format_skeleton(PERIOD_SKELETONS[timegrain], getdate(day), locale=babel_locale())
	except UnknownLocaleError:
		return format_skeleton(PERIOD_SKELETONS[timegrain], getdate(day), locale="en")


def babel_locale() -> str:
	return (frappe.local.lang or "en").replace("-", "_")


def readable_records(doctype: str):
	refuse_residents_the_desk()
	frappe.has_permission(doctype, "read", throw=True)


def chart_date(value) -> datetime:
	"""A date of the chart's range, or a clear refusal of one that is not a date."""
	try:
		return get_datetime(value)
	except (ValueError, OverflowError):
		frappe.throw(_("Choose the chart's dates from the calendar."))


def estate_filter(doctype: str, filters: str | dict | None) -> list:
	"""The chart's own filter (the estate, from the chart's filter button): a JSON object, or a dict."""
	if not filters:
		return []
	try:
		filters = frappe.parse_json(filters)
	except ValueError:
		filters = None
	if not isinstance(filters, dict):
		frappe.throw(_("The chart's filters were not sent correctly."))
	estate = filters.get("estate")
	return [[doctype, "estate", "=", estate]] if estate else []
