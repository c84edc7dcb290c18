"""One row per near-breach reminder and per breach: the deadline sweeps write these and nobody edits them.
Its name is the idempotency key (see property_service.deadline_sweep.alert_name); its status says whether
what follows the breach (escalation, assignment, notification) was carried out yet: the alerts are the
outbox the sweep's background jobs work from (property_service.deadline_sweep.carry_out)."""

import frappe
from frappe.model.document import Document


class DeadlineAlert(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Deadline Alert", ["case_doctype", "case_name"])
	frappe.db.add_index("Deadline Alert", ["sweep_run"])
	# the outbox: the pending alerts, oldest first
	frappe.db.add_index("Deadline Alert", ["status", "raised_on"])
