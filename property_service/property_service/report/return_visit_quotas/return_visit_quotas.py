"""RV-5: over a period, the share of the visits due that managers, supervisors and the maintenance
lead did themselves, against the targets in the settings."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_days, get_first_day, get_last_day, getdate

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules.quotas import quota_results

# the visitor roles each quota counts
QUOTA_ROLES = {
	"Manager": ("Property Manager", "Service Centre Manager", "Office Director"),
	"Supervisor": ("Customer Service Supervisor",),
	"Maintenance Lead": ("Maintenance Lead",),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or get_first_day(getdate()))
	to_date = getdate(filters.to_date or get_last_day(getdate()))
	if from_date > to_date:
		frappe.throw(_("'Visits Due From' must be before 'Visits Due To'."))

	visit = DocType("Return Visit")
	due = (visit.due_on >= from_date) & (visit.due_on < add_days(to_date, 1))
	if filters.estate:
		due &= visit.estate == filters.estate
	if filters.visit_kind:
		due &= visit.visit_kind == filters.visit_kind
	visits_due = frappe.qb.from_(visit).select(Count("*")).where(due).run()[0][0]
	done_by_role = dict(
		frappe.qb.from_(visit)
		.select(visit.visitor_role, Count("*"))
		.where(due & (visit.status == "Completed"))
		.groupby(visit.visitor_role)
		.run()
	)
	settings = get_settings()
	targets = {
		"Manager": settings.quota_manager,
		"Supervisor": settings.quota_supervisor,
		"Maintenance Lead": settings.quota_maintenance_lead,
	}
	by_quota = {
		quota: sum(done_by_role.get(role, 0) for role in roles) for quota, roles in QUOTA_ROLES.items()
	}
	results = quota_results(visits_due, by_quota, targets)

	columns = [
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
	labels = {
		"Manager": _("Managers"),
		"Supervisor": _("Supervisors"),
		"Maintenance Lead": _("Maintenance Lead"),
	}
	data = [
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
	completed = sum(done_by_role.values())
	summary = [
		{"label": _("Visits Due"), "value": visits_due, "datatype": "Int"},
		{"label": _("Visits Completed"), "value": completed, "datatype": "Int"},
		{
			"label": _("Quotas Met"),
			"value": f"{sum(r.met for r in results)} / {len(results)}" if visits_due else "—",
			"datatype": "Data",
			"indicator": "Grey" if not visits_due else "Green" if all(r.met for r in results) else "Red",
		},
	]
	chart = {
		"data": {
			"labels": [row["quota"] for row in data],
			"datasets": [
				{"name": _("Share of Visits Due"), "values": [row["share"] or 0 for row in data]},
				{"name": _("Target Share"), "values": [row["target"] for row in data]},
			],
		},
		"type": "bar",
	}
	return columns, data, None, chart, summary
