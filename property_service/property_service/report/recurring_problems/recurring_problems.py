"""RC-2: the same problem again and again — the same category at the same unit or building, or the
same resident — ranked, for the half-yearly and year-end analysis meeting."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Max, Min
from frappe.utils import cint, getdate

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.report.period import in_period, report_period

# where a problem recurs, and the label of each
PLACES = (
	("property_unit", "Same Unit"),
	("building", "Same Building"),
	("resident", "Same Resident"),
)


def execute(filters=None):
	filters, start, end = report_period(filters)
	threshold = cint(filters.min_complaints) or cint(get_settings().recurring_threshold)
	data = get_data(filters, start, end, threshold)
	return get_columns(), data, None, get_chart(data, filters), get_summary(data, threshold)


def get_data(filters, start, end, threshold: int) -> list[frappe._dict]:
	"""Each place and category with at least `threshold` complaints in the period, most first, ranked."""
	complaint = DocType("Complaint Register")
	condition = in_period(complaint.received_on, start, end) & complaint.category.isnotnull()
	if filters.estate:
		condition &= complaint.estate == filters.estate
	rows = []
	for field, label in PLACES:
		place = complaint[field]
		query = (
			frappe.qb.from_(complaint)
			.select(
				place.as_("place"),
				complaint.category,
				Count("*").as_("complaints"),
				Min(complaint.received_on).as_("first_on"),
				Max(complaint.received_on).as_("last_on"),
			)
			.where(condition & place.isnotnull())
			.groupby(place, complaint.category)
			.having(Count("*") >= threshold)
		)
		for row in query.run(as_dict=True):
			row.recurs_at = _(label)
			row.place_field = field
			row.first_on, row.last_on = getdate(row.first_on), getdate(row.last_on)
			rows.append(row)
	rows.sort(key=lambda row: (-row.complaints, row.place))
	for rank, row in enumerate(rows, 1):
		row.rank = rank
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "recurs_at", "label": _("Recurs At"), "fieldtype": "Data", "width": 130},
		{"fieldname": "place", "label": _("Unit, Building or Resident"), "fieldtype": "Data", "width": 240},
		{
			"fieldname": "category",
			"label": _("Category"),
			"fieldtype": "Link",
			"options": "Complaint Category",
			"width": 180,
		},
		{"fieldname": "complaints", "label": _("Complaints"), "fieldtype": "Int", "width": 100},
		# the days are what the meeting compares
		{"fieldname": "first_on", "label": _("First Complaint"), "fieldtype": "Date", "width": 120},
		{"fieldname": "last_on", "label": _("Latest Complaint"), "fieldtype": "Date", "width": 120},
	]


def get_chart(data, filters) -> dict:
	top = data[:10]
	return {
		"data": {
			"labels": [chart_label(row, filters) for row in top],
			"datasets": [{"name": _("Complaints"), "values": [row.complaints for row in top]}],
		},
		"type": "bar",
	}


def get_summary(data, threshold: int) -> list[dict]:
	return [
		{
			"label": _("Recurring Problems"),
			"value": len(data),
			"datatype": "Int",
			"indicator": "Red" if data else "Green",
		},
		{"label": _("At Least (Complaints)"), "value": threshold, "datatype": "Int"},
	]


def chart_label(row, filters) -> str:
	"""Short enough for a bar: the place without its estate's name, which every bar shares ("4栋"),
	a resident by name, and the category."""
	place = row.place
	if row.place_field == "resident":
		place = frappe.db.get_value("Resident", place, "full_name") or place
	else:
		doctype = "Property Unit" if row.place_field == "property_unit" else "Building"
		estate = filters.estate or frappe.db.get_value(doctype, place, "estate")
		if estate and place.startswith(f"{estate}-"):
			place = place[len(estate) + 1 :]
	return f"{place} {row.category}"


@frappe.whitelist()
def default_threshold() -> int:
	"""The filter's default: the settings' recurring threshold, which the report applies when none is given."""
	frappe.has_permission("Complaint Register", "read", throw=True)
	return cint(get_settings().recurring_threshold)
