"""File a complaint or request a repair from the phone."""

import frappe
from frappe import _

from property_service.portal import page_resident

no_cache = 1


def get_context(context):
	resident = page_resident(context, "my-requests")
	context.kind = "repair" if frappe.form_dict.kind == "repair" else "complaint"
	context.title = _("Request a Repair") if context.kind == "repair" else _("File a Complaint")
	context.categories = (
		frappe.get_all("Complaint Category", pluck="name", order_by="name") if resident else []
	)
	return context
