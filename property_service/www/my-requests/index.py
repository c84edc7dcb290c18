"""A resident's own requests and what is waiting for their answer."""

from frappe import _

from property_service.portal import household_requests, open_surveys, page_resident

no_cache = 1


def get_context(context):
	resident = page_resident(context, "my-requests")
	context.title = _("My Requests")
	context.requests = household_requests(resident) if resident else []
	context.surveys = open_surveys(resident) if resident else []
	return context
