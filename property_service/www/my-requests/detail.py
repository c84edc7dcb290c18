"""One of the resident's requests: where it stands, its public history, and what is asked of them."""

import frappe

from property_service.portal import page_resident, request_detail

no_cache = 1


def get_context(context):
	resident = page_resident(context, "my-requests")
	record = resident and request_detail(resident, frappe.form_dict.kind, frappe.form_dict.name)
	if not record:
		# a number that is not theirs shows exactly what a number that does not exist shows
		raise frappe.PageDoesNotExistError
	context.title = record.name
	context.record = record
	return context
