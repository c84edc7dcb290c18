"""Property Service Settings as every module reads them: the lowest layer, importing no DocType."""

import frappe

SETTINGS = "Property Service Settings"


def get_settings():
	"""The settings, from the document cache (cleared when they are saved)."""
	return frappe.get_cached_doc(SETTINGS)
