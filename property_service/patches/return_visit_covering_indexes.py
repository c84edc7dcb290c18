"""Return Visit's (status, due_on) and (estate, due_on) indexes gave way to covering ones with a third
column, (status, due_on, visitor_role) and (estate, due_on, status), which on_doctype_update adds during
the model sync, before this runs. Drop the narrower two where an earlier version made them: the covering
ones serve every query they served."""

import frappe

REPLACED = ("status_due_on_index", "estate_due_on_index")


def execute():
	for index in REPLACED:
		if frappe.db.has_index("tabReturn Visit", index):
			frappe.db.sql_ddl(f"alter table `tabReturn Visit` drop index `{index}`")
