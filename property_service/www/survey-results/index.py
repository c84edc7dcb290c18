"""SV-7: a resident reads the published survey results and rectification plan of their own estate."""

import frappe
from frappe import _

from property_service.portal import survey_title

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		# to the login page and back here, as the other portal pages do
		frappe.local.flags.redirect_location = "/login?redirect-to=/survey-results"
		raise frappe.Redirect
	estate = frappe.db.get_value("Resident", {"user": frappe.session.user}, "estate")
	context.title = _("Survey Results")
	context.no_breadcrumbs = True
	context.estate = estate
	context.surveys = []
	if not estate:
		return context
	# published results are a notice to every household of the estate, so no per-record permission
	for name in frappe.get_all(
		"Opinion Survey",
		filters={"estate": estate, "status": "Results Published"},
		order_by="published_on desc",
		pluck="name",
	):
		survey = frappe.get_doc("Opinion Survey", name)
		context.surveys.append(
			frappe._dict(
				title=survey_title(survey),
				published_on=survey.published_on,
				handed_out=survey.handed_out,
				returned=survey.returned,
				response_rate=survey.response_rate,
				overall_rate=survey.overall_rate,
				previous_overall_rate=survey.previous_overall_rate if survey.previous_survey else None,
				results=[
					frappe._dict(aspect=row.aspect, rate=row.satisfaction_rate if row.answers else None)
					for row in survey.results
				],
				rectification_plan=survey.rectification_plan,
			)
		)
	return context
