"""The app's schema changes are patches (patches.txt), run once by migrate; each can run again."""

import frappe

from property_service.patches import return_visit_covering_indexes


def index_names(table: str) -> set[str]:
	return {row.Key_name for row in frappe.db.sql(f"show index from `{table}`", as_dict=True)}


def test_return_visits_keep_only_the_covering_indexes():
	# as an earlier version left the table
	frappe.db.add_index("Return Visit", ["status", "due_on"])
	frappe.db.add_index("Return Visit", ["estate", "due_on"])
	assert set(return_visit_covering_indexes.REPLACED) <= index_names("tabReturn Visit")

	return_visit_covering_indexes.execute()
	return_visit_covering_indexes.execute()  # again: nothing left to drop, no error

	names = index_names("tabReturn Visit")
	assert not set(return_visit_covering_indexes.REPLACED) & names
	assert {"status_due_on_visitor_role_index", "estate_due_on_status_index"} <= names
	assert "property_service.patches.return_visit_covering_indexes" in (
		frappe.get_file_items(frappe.get_app_path("property_service", "patches.txt"))
	)


def test_the_final_answer_patch_runs_on_a_site_whose_settings_predate_it():
	"""A site upgraded from before IN-11 has no final-answer days saved: the patch starts from the
	defaults rather than failing on an empty setting."""
	from property_service.patches import complaint_final_answer_due

	settings = "Property Service Settings"
	saved = frappe.db.get_singles_dict(settings)
	frappe.db.delete("Singles", {"doctype": settings, "field": ("in", FINAL_ANSWER_SETTINGS)})
	frappe.clear_document_cache(settings, settings)
	try:
		complaint_final_answer_due.execute()
		after = frappe.db.get_singles_dict(settings)
		for field in FINAL_ANSWER_SETTINGS:
			default = frappe.get_meta(settings).get_field(field).default
			assert str(after[field]) == str(default)
	finally:
		frappe.db.set_single_value(settings, {field: saved[field] for field in FINAL_ANSWER_SETTINGS})
		frappe.clear_document_cache(settings, settings)


FINAL_ANSWER_SETTINGS = ("final_answer_days", "urgent_final_answer_working_days")
