"""Complaints now carry `final_answer_due`, when the written final answer is due, and
`final_answered_on`, when it was sent (IN-11). Fill the deadline in for the complaints accepted and not
yet resolved, from when each was accepted and the settings in force now; a complaint resolved before
was answered when it was resolved."""

import frappe

from property_service.controllers.settings import SETTINGS
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	apply_defaults as apply_settings_defaults,
)
from property_service.rules import complaint_states


def execute():
	# The settings' new days have no value on a site from before (Frappe writes a Single's defaults only
	# when it is first made, and the app's after_migrate, which fills them, runs after the patches).
	apply_settings_defaults()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	open_accepted = frappe.get_all(
		"Complaint Register",
		filters={
			"status": ("in", complaint_states.IN_HAND),
			"accepted_on": ("is", "set"),
			"final_answer_due": ("is", "not set"),
		},
		pluck="name",
	)
	for name in open_accepted:
		complaint = frappe.get_doc("Complaint Register", name)
		complaint.db_set("final_answer_due", complaint.compute_final_answer_due(), update_modified=False)

	complaint = frappe.qb.DocType("Complaint Register")
	(
		frappe.qb.update(complaint)
		.set(complaint.final_answered_on, complaint.resolved_on)
		.where(complaint.final_answered_on.isnull() & complaint.resolved_on.isnotnull())
	).run()
