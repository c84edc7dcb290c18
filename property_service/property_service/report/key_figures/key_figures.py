"""RV-10: the return-visit handling rate (target 100 %) and the effective complaint rate (valid complaints
÷ occupied households, target under 1 %), per estate over the period."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.report.period import in_period, percent, report_period


def execute(filters=None):
	filters, start, end = report_period(filters)
	settings = get_settings()
	data = get_data(filters, start, end, settings)
	return get_columns(), data, None, get_chart(data), get_summary(data, settings)


def get_data(filters, start, end, settings) -> list[frappe._dict]:
	"""Each estate's valid complaints against its occupied households, and its return visits done of
	those due, against the settings' targets."""
	estates = frappe.get_all(
		"Estate",
		filters={"name": filters.estate} if filters.estate else {},
		fields=["name", "occupied_households"],
		order_by="name",
	)
	valid = valid_complaints_by_estate(start, end)
	visits = visits_by_estate(start, end)
	rows = []
	for estate in estates:
		due, done = visits.get(estate.name, (0, 0))
		rows.append(
			frappe._dict(
				estate=estate.name,
				households=estate.occupied_households or 0,
				valid_complaints=valid.get(estate.name, 0),
				effective_rate=percent(valid.get(estate.name, 0), estate.occupied_households or 0),
				visits_due=due,
				visits_done=int(done or 0),
				handling_rate=percent(int(done or 0), due),
			)
		)
	for row in rows:
		row.effective_met = below(row.effective_rate, settings.target_valid_complaint_rate)
		row.handling_met = (
			None if row.handling_rate is None else int(row.handling_rate >= settings.target_visit_rate)
		)
	return rows


def valid_complaints_by_estate(start, end) -> dict[str, int]:
	complaint = DocType("Complaint Register")
	return dict(
		frappe.qb.from_(complaint)
		.select(complaint.estate, Count("*"))
		.where(in_period(complaint.received_on, start, end) & (complaint.validity == "Valid"))
		.groupby(complaint.estate)
		.run()
	)


def visits_by_estate(start, end) -> dict[str, tuple]:
	"""(due, completed) of the return visits due in the period, by estate."""
	visit = DocType("Return Visit")
	return {
		row[0]: row[1:]
		for row in frappe.qb.from_(visit)
		.select(visit.estate, Count("*"), Sum(Case().when(visit.status == "Completed", 1).else_(0)))
		.where(in_period(visit.due_on, start, end))
		.groupby(visit.estate)
		.run()
	}


def get_columns() -> list[dict]:
	# nine columns in the 1,170 px a 1440 px screen gives the report
	return [
		{"fieldname": "estate", "label": _("Estate"), "fieldtype": "Link", "options": "Estate", "width": 150},
		{"fieldname": "households", "label": _("Occupied Households"), "fieldtype": "Int", "width": 110},
		{"fieldname": "valid_complaints", "label": _("Valid Complaints"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "effective_rate",
			"label": _("Effective Complaint Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 130,
		},
		{"fieldname": "effective_met", "label": _("Under Target"), "fieldtype": "Check", "width": 90},
		{"fieldname": "visits_due", "label": _("Return Visits Due"), "fieldtype": "Int", "width": 110},
		{"fieldname": "visits_done", "label": _("Return Visits Done"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "handling_rate",
			"label": _("Return Visit Handling Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 130,
		},
		{"fieldname": "handling_met", "label": _("Target Met"), "fieldtype": "Check", "width": 90},
	]


def get_summary(data, settings) -> list[dict]:
	"""The rates over all the estates shown: their valid complaints over all their households, and so on."""
	households = sum(row.households for row in data)
	all_valid = sum(row.valid_complaints for row in data)
	due, done = sum(row.visits_due for row in data), sum(row.visits_done for row in data)
	effective_rate, handling_rate = percent(all_valid, households), percent(done, due)
	return [
		{
			"label": _("Effective Complaint Rate"),
			"value": effective_rate,
			"datatype": "Percent",
			"indicator": indicator(below(effective_rate, settings.target_valid_complaint_rate)),
		},
		{
			"label": _("Return Visit Handling Rate"),
			"value": handling_rate,
			"datatype": "Percent",
			"indicator": indicator(
				None if handling_rate is None else handling_rate >= settings.target_visit_rate
			),
		},
		{"label": _("Valid Complaints"), "value": all_valid, "datatype": "Int"},
		{"label": _("Return Visits Due"), "value": due, "datatype": "Int"},
	]


def get_chart(data) -> dict:
	return {
		"data": {
			"labels": [row.estate for row in data],
			"datasets": [
				{"name": _("Effective Complaint Rate"), "values": [row.effective_rate or 0 for row in data]},
				{"name": _("Return Visit Handling Rate"), "values": [row.handling_rate or 0 for row in data]},
			],
		},
		"type": "bar",
	}


def below(rate: float | None, target: float) -> int | None:
	"""Whether a rate is under its target; None when there is no rate (no households, nothing due)."""
	return None if rate is None else int(rate < target)


def indicator(met) -> str:
	return "Grey" if met is None else "Green" if met else "Red"
