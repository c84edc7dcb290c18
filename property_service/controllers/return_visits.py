"""Scheduling a return visit: what a complaint, a repair, a corrective action, a suggestion, a
decoration completion or the month's sample does when its procedure calls for one (RV-1, RV-3, RV-4)."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment


def schedule_visit(
	case,
	*,
	visit_kind,
	due_on,
	visitor=None,
	visitor_role=None,
	method="Phone",
	visit_sample=None,
	household=None,
):
	"""Schedule a return visit for `case` unless one is already waiting; assign it to the visitor.
	`household` (resident, property unit): one of several households the case visits; the caller
	keeps track of which it has scheduled."""
	resident, property_unit = household or (case.get("resident"), case.get("property_unit"))
	waiting = not household and frappe.db.get_value(
		"Return Visit",
		{"reference_doctype": case.doctype, "reference_name": case.name, "status": "To Visit"},
	)
	if waiting:
		return frappe.get_doc("Return Visit", waiting)
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
