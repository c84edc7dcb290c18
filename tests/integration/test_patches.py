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
