"""Records the office must keep (RE-1): nobody deletes them, whatever their roles; and the fields only the
app sets on them.

Deadlines, breach marks, escalation levels, timestamps, counts, who registered, resolved or decided,
and the histories are at permission level 2 (`rules.records.APP_SET_PERMLEVEL`), which every role that
reads the record reads and no role writes. Frappe's `validate_higher_perm_levels` puts such a field
back to its stored value (or its default, on a new record) on every insert and save, before
`before_validate`, whatever the request that sent it: REST, frappe.client, the desk, bulk edit, Data
Import. The controllers set these fields after that reset, in their `validate`; a whitelisted method
that sets one hands its change to `save_with_app_change`, which makes it after the reset too."""

from collections.abc import Callable

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


def number_by_the_app(doc, method=None):
	"""before_insert: a kept record is numbered by its own rule (CMP-2026-00042, its notice -1, …), not
	by a name the request chose (Frappe's REST v2 takes a sent `name` as given)."""
	doc.flags.name_set = False


def save_with_app_change(doc, change: Callable[[], None]):
	"""Save `doc` with `change`, a change to fields only the app sets. Frappe resets those fields to
	what is stored before the document's `before_validate`; the change is made then (`apply_app_changes`),
	so it stands while anything the request itself sent for them does not."""
	doc.flags.setdefault("app_changes", []).append(change)
	doc.save()


def apply_app_changes(doc, method=None):
	"""before_validate of every kept record: the changes `save_with_app_change` was given."""
	for change in doc.flags.pop("app_changes", None) or ():
		change()
