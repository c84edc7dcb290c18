"""RV-6: which case the resident is asked about, in words they recognise."""

import frappe

from property_service.controllers.notifications import resident_context

# what the resident called the case, per kind of case
CASE_TITLE = {"Complaint Register": "summary", "Repair Work Order": "problem"}


def get_context(context):
	doc = context["doc"]
	title_field = CASE_TITLE.get(doc.reference_doctype)
	title = title_field and frappe.db.get_value(doc.reference_doctype, doc.reference_name, title_field)
	return {
		**resident_context(doc),
		"resident_name": frappe.db.get_value("Resident", doc.resident, "full_name") or "",
		"case_title": " ".join(title.split())[:60] if title else None,
	}
