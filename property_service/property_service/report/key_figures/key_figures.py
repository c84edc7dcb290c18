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
	complaint, visit = DocType("Complaint Register"), DocType("Return Visit")
	estates = frappe.get_all(
		"Estate",
		filters={"name": filters.estate} if filters.estate else {},
		fields=["name", "occupied_households"],
		order_by="name",
	)
	valid = dict(
		frappe.qb.from_(complaint)
		.select(complaint.estate, Count("*"))
		.where(in_period(complaint.received_on, start, end) & (complaint.validity == "Valid"))
		.groupby(complaint.estate)
		.run()
	)
	visits = {
		row[0]: row[1:]
		for row in frappe.qb.from_(visit)
		.select(visit.estate, Count("*"), Sum(Case().when(visit.status == "Completed", 1).else_(0)))
		.where(in_period(visit.due_on, start, end))
		.groupby(visit.estate)
		.run()
	}
	settings = get_settings()
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
				handling_rate=percent(int(done or 0), due) if due else 100.0,
			)
		)
	for row in rows:
		row.effective_met = int(row.effective_rate < settings.target_valid_complaint_rate)
		row.handling_met = int(row.handling_rate >= settings.target_visit_rate)

	columns = [
		{"fieldname": "estate", "label": _("Estate"), "fieldtype": "Link", "options": "Estate", "width": 200},
		{"fieldname": "households", "label": _("Occupied Households"), "fieldtype": "Int", "width": 130},
		{"fieldname": "valid_complaints", "label": _("Valid Complaints"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "effective_rate",
			"label": _("Effective Complaint Rate"),
			"fieldtype": "Percent",
			"width": 160,
		},
		{"fieldname": "effective_met", "label": _("Under Target"), "fieldtype": "Check", "width": 110},
		{"fieldname": "visits_due", "label": _("Return Visits Due"), "fieldtype": "Int", "width": 130},
		{"fieldname": "visits_done", "label": _("Return Visits Done"), "fieldtype": "Int", "width": 130},
		{
			"fieldname": "handling_rate",
			"label": _("Return Visit Handling Rate"),
			"fieldtype": "Percent",
			"width": 170,
		},
		{"fieldname": "handling_met", "label": _("Target Met"), "fieldtype": "Check", "width": 100},
	]
	households = sum(row.households for row in rows)
	all_valid = sum(row.valid_complaints for row in rows)
	due, done = sum(row.visits_due for row in rows), sum(row.visits_done for row in rows)
	summary = [
		{
			"label": _("Effective Complaint Rate"),
			"value": percent(all_valid, households),
			"datatype": "Percent",
			"indicator": "Green"
			if percent(all_valid, households) < settings.target_valid_complaint_rate
			else "Red",
		},
		{
			"label": _("Return Visit Handling Rate"),
			"value": percent(done, due) if due else 100.0,
			"datatype": "Percent",
			"indicator": "Green"
			if (percent(done, due) if due else 100.0) >= settings.target_visit_rate
			else "Red",
		},
		{"label": _("Valid Complaints"), "value": all_valid, "datatype": "Int"},
		{"label": _("Return Visits Due"), "value": due, "datatype": "Int"},
	]
	chart = {
		"data": {
			"labels": [row.estate for row in rows],
			"datasets": [
				{"name": _("Effective Complaint Rate"), "values": [row.effective_rate for row in rows]},
				{"name": _("Return Visit Handling Rate"), "values": [row.handling_rate for row in rows]},
			],
		},
		"type": "bar",
	}
	return columns, rows, None, chart, summary
