"""Whether every case that should be visited was (RV-1..RV-5, RC-3): complaints resolved and visited,
repairs visited by rule, the monthly samples done by the due day and mostly in person, the role quotas,
and what the visits found."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.controllers.return_visits import REPAIR_VISIT_KINDS
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.report.period import in_period, percent, report_period
from property_service.property_service.report.return_visit_quotas.return_visit_quotas import (
	completed_by_visitor_role,
)
from property_service.rules.quotas import role_quotas


def execute(filters=None):
	filters, start, end = report_period(filters)
	measures = get_measures(filters, start, end)
	data = list(measures.values())
	return get_columns(), data, None, get_chart(data), get_summary(measures)


def get_measures(filters, start, end) -> dict[str, frappe._dict]:
	"""Each measure's row (the report's data, in this order), by a name the summary picks them by."""
	settings = get_settings()
	visit = DocType("Return Visit")
	estate = (visit.estate == filters.estate) if filters.estate else None
	due_in_period = in_period(visit.due_on, start, end)
	if estate is not None:
		due_in_period &= estate
	measures = {}

	for key, kind, label in (
		("complaints", "Complaint", _("Complaints visited")),
		("repairs", "Repair", _("Repairs visited by rule")),
	):
		due, done = visit_counts(due_in_period & (visit.visit_kind == kind), Count("*"), completed())
		measures[key] = measure(label, int(done or 0), due, settings.target_visit_rate)

	due, done, on_time, in_person = visit_counts(
		due_in_period & (visit.visit_kind == "Monthly Sample"),
		Count("*"),
		completed(),
		completed(visit.completed_on <= visit.due_on),
		completed(visit.method == "In Person"),
	)
	measures["samples_on_time"] = measure(
		_("Monthly samples done by the due day"), int(on_time or 0), due, 100
	)
	measures["samples_in_person"] = measure(
		_("Monthly samples made in person"),
		int(in_person or 0),
		int(done or 0),
		settings.sample_in_person_above,
	)

	measures.update(quota_measures(due_in_period, settings))

	answered_condition = in_period(visit.completed_on, start, end) & visit.satisfied.isin(
		("Satisfied", "Not Satisfied")
	)
	if estate is not None:
		answered_condition &= estate
	answered, dissatisfied = visit_counts(
		answered_condition, Count("*"), Sum(Case().when(visit.satisfied == "Not Satisfied", 1).else_(0))
	)
	measures["dissatisfied"] = measure(
		_("Residents not satisfied on the visit"), int(dissatisfied or 0), answered
	)
	return measures


def quota_measures(due_in_period, settings) -> dict[str, frappe._dict]:
	"""RV-5's quotas over the repair visits due in the period, as Return Visit Quotas computes them."""
	due_in_period &= DocType("Return Visit").visit_kind.isin(REPAIR_VISIT_KINDS)
	(all_due,) = visit_counts(due_in_period, Count("*"))
	labels = {
		"Manager": _("Managers' quota"),
		"Supervisor": _("Supervisors' quota"),
		"Maintenance Lead": _("Maintenance lead's quota"),
	}
	return {
		f"quota:{r.role}": frappe._dict(
			metric=labels[r.role],
			done=r.visits,
			due=all_due,
			# no visits due: no share to judge (blank, not 0 % and missed)
			rate=r.share_percent if all_due else None,
			target=r.target_percent,
			met=int(r.met) if all_due else None,
		)
		for r in role_quotas(all_due, completed_by_visitor_role(due_in_period), settings)
	}


def visit_counts(condition, *columns) -> tuple:
	"""One row of aggregates over the return visits that meet the condition."""
	return frappe.qb.from_(DocType("Return Visit")).select(*columns).where(condition).run()[0]


def completed(criterion=None):
	"""How many of the visits counted are completed (and meet the criterion, if any)."""
	visit = DocType("Return Visit")
	done = visit.status == "Completed"
	return Sum(Case().when(done if criterion is None else done & criterion, 1).else_(0))


def measure(label: str, done: int, due: int, target: float | None = None) -> frappe._dict:
	"""A measure's row: done out of due, the share achieved and whether it reaches its target (blank
	where nothing was due, or there is no target)."""
	rate = percent(done, due) if due else None
	met = None if target is None or rate is None else int(rate >= target)
	return frappe._dict(metric=label, done=done, due=due, rate=rate, target=target, met=met)


def get_columns() -> list[dict]:
	return [
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


def get_chart(data) -> dict:
	with_target = [row for row in data if row.target is not None]
	return {
		"data": {
			"labels": [row.metric for row in with_target],
			"datasets": [
				{"name": _("Share Achieved"), "values": [row.rate or 0 for row in with_target]},
				{"name": _("Target"), "values": [row.target for row in with_target]},
			],
		},
		"type": "bar",
	}


def get_summary(measures: dict[str, frappe._dict]) -> list[dict]:
	complaints, repairs, dissatisfied = measures["complaints"], measures["repairs"], measures["dissatisfied"]
	return [
		*(
			{
				"label": row.metric,
				"value": row.rate or 0,
				"datatype": "Percent",
				"indicator": "Green" if row.met else "Red",
			}
			for row in (complaints, repairs)
		),
		{"label": dissatisfied.metric, "value": dissatisfied.done, "datatype": "Int"},
	]
