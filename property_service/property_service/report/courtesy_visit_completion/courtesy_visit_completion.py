"""RV-11: how far each estate's courtesy visit plan for a year has come, by kind of visit and visitor:
the visits planned, made and overdue (their round has passed) and the share made."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import get_fullname, getdate, today

from property_service.rules.relations import completion


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_data(filters) -> list[dict]:
	visit, plan = DocType("Courtesy Visit"), DocType("Courtesy Visit Plan")
	made = Case().when(visit.status == "Visit Made", 1).else_(0)
	overdue = Case().when((visit.status != "Visit Made") & (visit.due_by < getdate(today())), 1).else_(0)
	query = (
		frappe.qb.from_(visit)
		.join(plan)
		.on(plan.name == visit.plan)
		.select(
			visit.estate,
			visit.plan,
			visit.visit_kind,
			visit.visitor,
			Count("*").as_("planned"),
			Sum(made).as_("made"),
			Sum(overdue).as_("overdue"),
		)
		.where(plan.plan_year == int(filters.plan_year or getdate(today()).year))
		.groupby(visit.estate, visit.plan, visit.visit_kind, visit.visitor)
		.orderby(visit.estate)
		.orderby(visit.visit_kind)
	)
	if filters.estate:
		query = query.where(visit.estate == filters.estate)
	rows = query.run(as_dict=True)
	for row in rows:
		row.made, row.overdue = int(row.made or 0), int(row.overdue or 0)
		row.completion = completion(row.made, row.planned)
		row.kind_label = _(row.visit_kind)
		row.visitor_name = get_fullname(row.visitor)  # staff by name, not e-mail address
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "estate", "label": _("Estate"), "fieldtype": "Link", "options": "Estate", "width": 140},
		{
			"fieldname": "plan",
			"label": _("Courtesy Visit Plan"),
			"fieldtype": "Link",
			"options": "Courtesy Visit Plan",
			"width": 140,
		},
		{"fieldname": "kind_label", "label": _("Kind of Visit"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "visitor",
			"label": _("Courtesy Visitor"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{"fieldname": "planned", "label": _("Visits Planned"), "fieldtype": "Int", "width": 110},
		{"fieldname": "made", "label": _("Visits Made"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue", "label": _("Visits Overdue"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "completion",
			"label": _("Completion Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 120,
		},
	]


def get_chart(data) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [f"{row.estate} {row.kind_label}" for row in data],
			"datasets": [
				{"name": _("Visits Made"), "values": [row.made for row in data]},
				{"name": _("Visits Overdue"), "values": [row.overdue for row in data]},
				{"name": _("Visits Planned"), "values": [row.planned for row in data]},
			],
		},
		"type": "bar",
	}


def get_summary(data) -> list[dict]:
	planned = sum(row.planned for row in data)
	made = sum(row.made for row in data)
	overdue = sum(row.overdue for row in data)
	rate = completion(made, planned)
	return [
		{"label": _("Visits Planned"), "value": planned, "datatype": "Int"},
		{"label": _("Visits Made"), "value": made, "datatype": "Int"},
		{
			"label": _("Visits Overdue"),
			"value": overdue,
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
		{
			"label": _("Completion Rate"),
			"value": f"{rate}%" if rate is not None else "—",
			"datatype": "Data",
		},
	]
