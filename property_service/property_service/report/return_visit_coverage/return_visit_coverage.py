"""Whether every case that should be visited was (RV-1..RV-5, RC-3): complaints resolved and visited,
repairs visited by rule, the monthly samples done by the due day and mostly in person, the role quotas,
and what the visits found."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.report.period import in_period, percent, report_period
from property_service.property_service.report.return_visit_quotas.return_visit_quotas import QUOTA_ROLES


def execute(filters=None):
	filters, start, end = report_period(filters)
	settings = get_settings()
	visit = DocType("Return Visit")
	estate = (visit.estate == filters.estate) if filters.estate else None

	def visits(condition, *columns):
		query = (
			frappe.qb.from_(visit).select(*columns).where(condition if estate is None else condition & estate)
		)
		return query.run()[0]

	def completed(criterion=None):
		done = visit.status == "Completed"
		return Sum(Case().when(done if criterion is None else done & criterion, 1).else_(0))

	rows = []

	def metric(label, done, due, target=None, higher_is_better=True):
		rate = percent(done, due) if due else None
		met = (
			None
			if target is None or rate is None
			else int(rate >= target if higher_is_better else rate < target)
		)
		rows.append(frappe._dict(metric=label, done=done, due=due, rate=rate, target=target, met=met))

	due_in_period = in_period(visit.due_on, start, end)
	for kind, label in (("Complaint", _("Complaints visited")), ("Repair", _("Repairs visited by rule"))):
		due, done = visits(due_in_period & (visit.visit_kind == kind), Count("*"), completed())
		metric(label, int(done or 0), due, settings.target_visit_rate)
	due, done, on_time, in_person = visits(
		due_in_period & (visit.visit_kind == "Monthly Sample"),
		Count("*"),
		completed(),
		completed(visit.completed_on <= visit.due_on),
		completed(visit.method == "In Person"),
	)
	metric(_("Monthly samples done by the due day"), int(on_time or 0), due, 100)
	metric(
		_("Monthly samples made in person"),
		int(in_person or 0),
		int(done or 0),
		settings.sample_in_person_above,
	)

	(all_due,) = visits(due_in_period, Count("*"))
	by_role = dict(
		frappe.qb.from_(visit)
		.select(visit.visitor_role, Count("*"))
		.where(
			(due_in_period & (visit.status == "Completed"))
			if estate is None
			else due_in_period & estate & (visit.status == "Completed")
		)
		.groupby(visit.visitor_role)
		.run()
	)
	targets = {
		"Manager": settings.quota_manager,
		"Supervisor": settings.quota_supervisor,
		"Maintenance Lead": settings.quota_maintenance_lead,
	}
	labels = {
		"Manager": _("Managers' quota"),
		"Supervisor": _("Supervisors' quota"),
		"Maintenance Lead": _("Maintenance lead's quota"),
	}
	for quota, roles in QUOTA_ROLES.items():
		metric(labels[quota], sum(by_role.get(role, 0) for role in roles), all_due, targets[quota])

	answered, dissatisfied = visits(
		in_period(visit.completed_on, start, end) & visit.satisfied.isin(("Satisfied", "Not Satisfied")),
		Count("*"),
		Sum(Case().when(visit.satisfied == "Not Satisfied", 1).else_(0)),
	)
	metric(_("Residents not satisfied on the visit"), int(dissatisfied or 0), answered)

	columns = [
		{"fieldname": "metric", "label": _("Measure"), "fieldtype": "Data", "width": 280},
		{"fieldname": "done", "label": _("Achieved"), "fieldtype": "Int", "width": 90},
		{"fieldname": "due", "label": _("Out Of"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "rate",
			"label": _("Share Achieved"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Percent", "precision": 1, "width": 100},
		{"fieldname": "met", "label": _("Target Met"), "fieldtype": "Check", "width": 100},
	]
	with_target = [row for row in rows if row.target is not None]
	chart = {
		"data": {
			"labels": [row.metric for row in with_target],
			"datasets": [
				{"name": _("Share Achieved"), "values": [row.rate or 0 for row in with_target]},
				{"name": _("Target"), "values": [row.target for row in with_target]},
			],
		},
		"type": "bar",
	}
	summary = [
		{
			"label": rows[0].metric,
			"value": rows[0].rate or 0,
			"datatype": "Percent",
			"indicator": "Green" if rows[0].met else "Red",
		},
		{
			"label": rows[1].metric,
			"value": rows[1].rate or 0,
			"datatype": "Percent",
			"indicator": "Green" if rows[1].met else "Red",
		},
		{"label": rows[-1].metric, "value": rows[-1].done, "datatype": "Int"},
	]
	return columns, rows, None, chart, summary
