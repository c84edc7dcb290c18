"""Answer an open opinion survey of the resident's estate, once per household."""

import frappe

from property_service.portal import open_surveys, page_resident
from property_service.rules import surveys

no_cache = 1


def get_context(context):
	resident = page_resident(context, "my-requests")
	survey = (
		next((s for s in open_surveys(resident) if s.name == frappe.form_dict.name), None)
		if resident
		else None
	)
	if not survey:
		raise frappe.PageDoesNotExistError
	context.title = survey.title
	context.survey = survey
	context.aspects = frappe.get_all(
		"Opinion Survey Aspect",
		filters={"parent": survey.name, "parenttype": "Opinion Survey"},
		order_by="idx",
		pluck="aspect",
	)
	context.levels = surveys.SCALES[survey.scale]
	return context
