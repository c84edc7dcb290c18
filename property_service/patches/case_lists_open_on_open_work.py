"""The lists of complaints, handling notices and return visits now open on open work, soonest due
first, with late work marked. Let every user's lists of them start again from these defaults: a sort
or filter saved from the old lists would hide them."""

import frappe
from frappe import safe_decode

DOCTYPES = ("Complaint Register", "Handling Notice", "Return Visit")


def execute():
	prefixes = tuple(f"{doctype}::" for doctype in DOCTYPES)
	for key in frappe.cache.hkeys("_user_settings"):
		if safe_decode(key).startswith(prefixes):
			frappe.cache.hdel("_user_settings", safe_decode(key))
	frappe.db.delete("__UserSettings", {"doctype": ("in", DOCTYPES)})
