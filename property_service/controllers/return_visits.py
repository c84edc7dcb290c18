"""Scheduling a return visit: what a complaint, a repair, a corrective action, a suggestion, a
decoration completion or the month's sample does when its procedure calls for one (RV-1, RV-3, RV-4)."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.query_builder.functions import Count
from frappe.utils import add_months, get_first_day, getdate

from property_service.controllers.settings import get_settings
from property_service.rules import quotas, visits

# the visits RV-5's quotas share out: repair visits (seed 000: "the maintenance return visit")
REPAIR_VISIT_KINDS = ("Repair", "Monthly Sample")


def schedule_visit(
	case,
	*,
	visit_kind,
	due_on,
	visitor=None,
	visitor_role=None,
	method="Phone",
	method_fixed=False,
	visit_sample=None,
	household=None,
	visit_from=None,
):
	"""Schedule a return visit for `case` unless one is already waiting; assign it to the visitor.
	`household` (resident, property unit): one of several households the case visits; the caller
	keeps track of which it has scheduled. `method` is the rule's: the resident's preferred way
	replaces it unless it is in person or `method_fixed` (RV-6). `visit_from`: not before then (RV-13)."""
	resident, property_unit = household or (case.get("resident"), case.get("property_unit"))
	waiting = not household and frappe.db.get_value(
		"Return Visit",
		{"reference_doctype": case.doctype, "reference_name": case.name, "status": "To Visit"},
	)
	if waiting:
		return frappe.get_doc("Return Visit", waiting)
	preferred, email = (
		frappe.db.get_value("Resident", resident, ["visit_method", "email"]) if resident else (None, None)
	)
	method = visits.visit_method(method, preferred, fixed=method_fixed, has_email=bool(email))
	visit = frappe.get_doc(
		{
			"doctype": "Return Visit",
			"visit_kind": visit_kind,
			"reference_doctype": case.doctype,
			"reference_name": case.name,
			"resident": resident,
			"property_unit": property_unit,
			"estate": case.get("estate"),
			"due_on": due_on,
			"visit_from": visit_from,
			"method": method,
			"visitor": visitor,
			"visitor_role": visitor_role,
			"visit_sample": visit_sample,
		}
	)
	# a visit follows from the case by rule (RV-1, RV-3), whoever moved the case on
	visit.insert(ignore_permissions=True)
	if visitor:
		add_assignment(
			{
				"assign_to": [visitor],
				"doctype": visit.doctype,
				"name": visit.name,
				"description": _("Return visit due {0}").format(frappe.utils.format_datetime(due_on)),
				"date": frappe.utils.getdate(due_on),
			},
			ignore_permissions=True,
		)
	return visit


def quota_visitor(
	estate: str, due_on, default_visitor: str | None, default_role: str
) -> tuple[str | None, str]:
	"""RV-5 met by assignment: a repair visit goes to the estate's property manager, its customer service
	supervisor or the maintenance lead (the rule's own visitor), whichever is furthest below their
	quota of the estate's repair visits due that month, this one counted. Off in the settings, or where
	the estate names nobody at a level, the rule's visitor keeps it."""
	settings = get_settings()
	if not settings.quota_assign:
		return default_visitor, default_role
	people = (
		frappe.db.get_value(
			"Estate",
			estate,
			["property_manager", "service_centre_manager", "service_supervisor"],
			as_dict=True,
		)
		or frappe._dict()
	)
	candidates = {
		"Manager": (people.property_manager, "Property Manager")
		if people.property_manager
		else (people.service_centre_manager, "Service Centre Manager"),
		"Supervisor": (people.service_supervisor, "Customer Service Supervisor"),
		"Maintenance Lead": (default_visitor, default_role),
	}
	available = [quota for quota, (person, _role) in candidates.items() if person]
	default_quota = next(
		(quota for quota, roles in quotas.QUOTA_ROLES.items() if default_role in roles), "Maintenance Lead"
	)
	by_role = repair_visits_by_role(estate, due_on)
	assigned = quotas.visits_by_quota(by_role)
	chosen = quotas.quota_to_assign(
		sum(by_role.values()) + 1, assigned, quotas.quota_targets(settings), available, default_quota
	)
	return candidates[chosen] if chosen in available else (default_visitor, default_role)


def repair_visits_by_role(estate: str, due_on) -> dict[str, int]:
	"""The estate's repair visits due in the month of `due_on`, by visitor role (every status: what is
	assigned counts, done or not)."""
	month = get_first_day(getdate(due_on))
	visit = frappe.qb.DocType("Return Visit")
	return dict(
		frappe.qb.from_(visit)
		.select(visit.visitor_role, Count("*"))
		.where(
			(visit.estate == estate)
			& (visit.due_on >= month)
			& (visit.due_on < add_months(month, 1))
			& visit.visit_kind.isin(REPAIR_VISIT_KINDS)
		)
		.groupby(visit.visitor_role)
		.run()
	)
