"""Survey responses now say whether an owner or a tenant answered (SV-9), and each survey counts the
returns of both. A response that named its resident answered as that resident is; a form without a name
stays unsaid. Each survey's counts are taken again from its responses."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count


def execute():
	# the patches run before the DocTypes are synced: the new columns first
	for doctype in ("survey_response", "opinion_survey"):
		frappe.reload_doc("property_service", "doctype", doctype)
	response, resident = DocType("Survey Response"), DocType("Resident")
	(
		frappe.qb.update(response)
		.join(resident)
		.on(resident.name == response.resident)
		.set(response.respondent_type, resident.resident_type)
		.where(response.respondent_type.isnull() | (response.respondent_type == ""))
		.run()
	)
	counts = (
		frappe.qb.from_(response)
		.select(response.survey, response.respondent_type, Count("*"))
		.where(response.respondent_type.isin(["Owner", "Tenant"]))
		.groupby(response.survey, response.respondent_type)
		.run()
	)
	field = {"Owner": "returned_by_owners", "Tenant": "returned_by_tenants"}
	for survey, respondent_type, returned in counts:
		frappe.db.set_value("Opinion Survey", survey, field[respondent_type], returned, update_modified=False)
