"""RE-2: the return-visit summary sheet (回访记录汇总表): the return visits made in a period, one line each
(when, which household, what was visited, how, by whom, the resident's view and opinions), with the
share satisfied; printed with its own template for the supervisor's signature."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from property_service.property_service.report.period import in_period, percent, report_period


def execute(filters=None):
	filters, start, end = report_period(filters)
	data = get_data(filters, start, end)
	return get_columns(), data, None, None, get_summary(data)


def get_data(filters, start, end) -> list[frappe._dict]:
	visit = DocType("Return Visit")
	condition = in_period(visit.completed_on, start, end) & (visit.status == "Completed")
	if filters.estate:
		condition &= visit.estate == filters.estate
	if filters.visit_kind:
		condition &= visit.visit_kind == filters.visit_kind
	rows = (
		frappe.qb.from_(visit)
		.select(
			visit.name,
			visit.completed_on,
			visit.property_unit,
			visit.visit_kind,
			visit.reference_name,
			visit.method,
			visit.visitor,
			visit.satisfied,
			visit.opinions,
			visit.problems_found,
		)
		.where(condition)
		.orderby(visit.completed_on)
		.run(as_dict=True)
	)
	for row in rows:
		row.visitor_name = frappe.utils.get_fullname(row.visitor) if row.visitor else ""
		row.visit_kind_label = _(row.visit_kind) if row.visit_kind else ""
		row.method_label = _(row.method) if row.method else ""
		row.satisfied_label = _(row.satisfied) if row.satisfied else ""
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Return Visit"),
			"fieldtype": "Link",
			"options": "Return Visit",
			"width": 150,
		},
		{"fieldname": "completed_on", "label": _("Visited On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "property_unit", "label": _("Household"), "fieldtype": "Data", "width": 170},
		{"fieldname": "visit_kind_label", "label": _("Visit For"), "fieldtype": "Data", "width": 100},
		{"fieldname": "reference_name", "label": _("Case"), "fieldtype": "Data", "width": 140},
		{"fieldname": "method_label", "label": _("Visit Method"), "fieldtype": "Data", "width": 90},
		{"fieldname": "visitor_name", "label": _("Visitor"), "fieldtype": "Data", "width": 110},
		{"fieldname": "satisfied_label", "label": _("Satisfied"), "fieldtype": "Data", "width": 90},
		{"fieldname": "opinions", "label": _("Opinions"), "fieldtype": "Data", "width": 220},
	]


def get_summary(data) -> list[dict]:
	satisfied = sum(1 for row in data if row.satisfied == "Satisfied")
	return [
		{"label": _("Return Visits Made"), "value": len(data), "datatype": "Int", "indicator": "Blue"},
		{"label": _("Satisfied"), "value": satisfied, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Satisfaction"),
			"value": percent(satisfied, len(data)),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
