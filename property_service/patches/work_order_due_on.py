"""Work orders now carry `due_on` (when their next step is due), and their lists open on open work,
soonest due first. Fill `due_on` in for the orders still open, and let every user's work-order list
start again from the new defaults: a sort or filter saved from the old list would hide them."""

import frappe
from frappe import safe_decode

OPEN_STATES = ("Requested", "Dispatched", "In Progress")


def execute():
	for name in frappe.get_all("Repair Work Order", filters={"status": ("in", OPEN_STATES)}, pluck="name"):
		order = frappe.get_doc("Repair Work Order", name)
		order.set_due_on()
		order.db_set("due_on", order.due_on, update_modified=False)

	for key in frappe.cache.hkeys("_user_settings"):
		if safe_decode(key).startswith("Repair Work Order::"):
			frappe.cache.hdel("_user_settings", safe_decode(key))
	frappe.db.sql("delete from `__UserSettings` where `doctype` = %s", "Repair Work Order")
