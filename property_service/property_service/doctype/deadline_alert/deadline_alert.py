"""One row per near-breach reminder and per breach: the deadline sweeps write these and nobody edits them.
Its name is the idempotency key (see property_service.deadline_sweep.alert_name)."""

import frappe
from frappe.model.document import Document


class DeadlineAlert(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Deadline Alert", ["case_doctype", "case_name"])
	frappe.db.add_index("Deadline Alert", ["sweep_run"])
