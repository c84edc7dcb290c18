"""RV-5: over a period, the share of the repair visits due that managers, supervisors and the maintenance
lead did themselves, against the targets in the settings (seed 000 sets them for "the maintenance return
visit"; scheduling shares those visits out to meet them, controllers/return_visits.quota_visitor). A kind
chosen in the filter counts that kind's visits instead."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_days, get_first_day, get_last_day, getdate

from property_service.controllers.return_visits import REPAIR_VISIT_KINDS
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules.quotas import role_quotas


def execute(filters=None):
	filters = frappe._dict(filters or {})
	visits_due, done_by_role, results = get_quotas(filters)
	data = get_data(visits_due, results)
	return get_columns(), data, None, get_chart(data), get_summary(visits_due, done_by_role, results)


def get_quotas(filters) -> tuple[int, dict[str, int], list]:
	"""The visits due in the period, the completed ones by visitor role, and RV-5's quotas from them."""
	from_date = getdate(filters.from_date or get_first_day(getdate()))
	to_date = getdate(filters.to_date or get_last_day(getdate()))
	if from_date > to_date:
		frappe.throw(_("'Visits Due From' must be before 'Visits Due To'."))
	visit = DocType("Return Visit")
	due = (visit.due_on >= from_date) & (visit.due_on < add_days(to_date, 1))
	if filters.estate:
		due &= visit.estate == filters.estate
	due &= (
		(visit.visit_kind == filters.visit_kind)
		if filters.visit_kind
		else visit.visit_kind.isin(REPAIR_VISIT_KINDS)
	)
	visits_due = frappe.qb.from_(visit).select(Count("*")).where(due).run()[0][0]
	done_by_role = completed_by_visitor_role(due)
	return visits_due, done_by_role, role_quotas(visits_due, done_by_role, get_settings())


def completed_by_visitor_role(due) -> dict[str, int]:
	"""The visits completed among those due (a condition on Return Visit), counted by visitor role."""
	visit = DocType("Return Visit")
	return dict(
		frappe.qb.from_(visit)
		.select(visit.visitor_role, Count("*"))
		.where(due & (visit.status == "Completed"))
		.groupby(visit.visitor_role)
		.run()
	)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "quota", "label": _("Visitors"), "fieldtype": "Data", "width": 180},
		{"fieldname": "visits", "label": _("Visits Done"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "share",
			"label": _("Share of Visits Due"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 160,
		},
		{
			"fieldname": "target",
			"label": _("Target Share"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 120,
		},
		{"fieldname": "met", "label": _("Quota Met"), "fieldtype": "Check", "width": 100},
	]


def get_data(visits_due: int, results) -> list[dict]:
	labels = {
		"Manager": _("Managers"),
		"Supervisor": _("Supervisors"),
		"Maintenance Lead": _("Maintenance Lead"),
	}
	return [
		{
			"quota": labels[r.role],
			"visits": r.visits,
			# no visits due: no share to judge (blank, not 0 % and missed)
			"share": r.share_percent if visits_due else None,
			"target": r.target_percent,
			"met": int(r.met) if visits_due else None,
		}
		for r in results
	]


def get_chart(data) -> dict:
	return {
		"data": {
			"labels": [row["quota"] for row in data],
			"datasets": [
				{"name": _("Share of Visits Due"), "values": [row["share"] or 0 for row in data]},
				{"name": _("Target Share"), "values": [row["target"] for row in data]},
			],
		},
		"type": "bar",
	}


def get_summary(visits_due: int, done_by_role: dict[str, int], results) -> list[dict]:
	return [
		{"label": _("Visits Due"), "value": visits_due, "datatype": "Int"},
		{"label": _("Visits Completed"), "value": sum(done_by_role.values()), "datatype": "Int"},
		{
			"label": _("Quotas Met"),
			"value": f"{sum(r.met for r in results)} / {len(results)}" if visits_due else "—",
			"datatype": "Data",
			"indicator": "Grey" if not visits_due else "Green" if all(r.met for r in results) else "Red",
		},
	]
