"""Records the office must keep (RE-1): nobody deletes them, whatever their roles."""

import frappe
from frappe import _

from property_service.exceptions import RecordKeptError


def refuse_deletion(doc, method=None):
	frappe.throw(
		_("{0} {1} is a record the office must keep, so it cannot be deleted.").format(
			_(doc.doctype), frappe.bold(doc.name)
		),
		RecordKeptError,
		title=_("Records are kept"),
	)
