"""What the workspace's custom number card counts."""

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, get_first_day, getdate

from property_service.property_service.report.period import percent


@frappe.whitelist()
def satisfaction_this_month(filters=None) -> dict:
	"""The share of residents satisfied on the return visits completed this month (RV-7)."""
	frappe.has_permission("Return Visit", "read", throw=True)
	visit = DocType("Return Visit")
	start = get_first_day(getdate())
	answered, satisfied = (
		frappe.qb.from_(visit)
		.select(Count("*"), Sum(Case().when(visit.satisfied == "Satisfied", 1).else_(0)))
		.where(
			(visit.completed_on >= start)
			& (visit.completed_on < add_months(start, 1))
			& visit.satisfied.isin(("Satisfied", "Not Satisfied"))
		)
		.run()[0]
	)
	return {"value": percent(int(satisfied or 0), answered), "fieldtype": "Percent"}
