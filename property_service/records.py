"""Records the office must keep (RE-1): nobody deletes them, whatever their roles; and the fields only the
app sets on them.

Deadlines, breach marks, escalation levels, timestamps, counts, who registered, resolved or decided,
and the histories are at permission level 2 (`rules.records.APP_SET_PERMLEVEL`), which every role that
reads the record reads and no role writes. Frappe's `validate_higher_perm_levels` puts such a field
back to its stored value (or its default, on a new record) on every insert and save, before
`before_validate`, whatever the request that sent it: REST, frappe.client, the desk, bulk edit, Data
Import; `hold_app_fields` does the same for the table rows it leaves out. The controllers set these
fields after that, in their `validate`; a whitelisted method that sets one hands its change to
`save_with_app_change`, which makes it after the reset too."""

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
	what is stored before the document's `before_validate`; the change is made then (`hold_app_fields`),
	so it stands while anything the request itself sent for them does not."""
	doc.flags.setdefault("app_changes", []).append(change)
	doc.save()


def hold_app_fields(doc, method=None):
	"""before_validate of every kept record, after Frappe's reset of the levels the user may not write:
	what that reset leaves out of a record's tables, then the app's own changes."""
	if not (doc.flags.ignore_permissions or frappe.session.user == "Administrator"):
		refuse_rows_of_other_records(doc)
		reset_app_fields_of_new_rows(doc)
	for change in doc.flags.pop("app_changes", None) or ():
		change()
	refuse_text_too_long(doc)


# MariaDB's TEXT, the column Frappe gives Small Text and Text fields; Frappe checks the length of Data
# fields only, so a longer text would reach the database and fail there with a server error
TEXT_COLUMN_BYTES = 65_535
TEXT_FIELDTYPES = ("Small Text", "Text")


def refuse_text_too_long(doc):
	for record in (doc, *doc.get_all_children()):
		for df in record.meta.fields:
			value = record.get(df.fieldname)
			if df.fieldtype in TEXT_FIELDTYPES and isinstance(value, str):
				if len(value.encode("utf-8")) > TEXT_COLUMN_BYTES:
					frappe.throw(
						_("{0} is too long: at most {1} characters.").format(
							_(df.label), TEXT_COLUMN_BYTES // 4
						)
					)


def refuse_rows_of_other_records(doc):
	"""Frappe writes a table's rows by their names alone: a row named after one of another record's
	rows would be taken from that record, which loses it without a trace in its history."""
	if not stored_record(doc):
		return  # Frappe names a new record's rows afresh
	for df in doc.meta.get_table_fields():
		names = [row.name for row in doc.get(df.fieldname) if row.name]
		if not names:
			continue
		elsewhere = frappe.get_all(
			df.options,
			filters={"name": ("in", names)},
			or_filters={"parent": ("!=", doc.name), "parenttype": ("!=", doc.doctype)},
			pluck="name",
		)
		if elsewhere:
			frappe.throw(
				_("{0} holds rows of another record: {1}.").format(_(df.label), ", ".join(elsewhere)),
				frappe.PermissionError,
			)


def stored_record(doc):
	"""The record as stored, or None for one not saved yet."""
	if doc.is_new() or not doc.name or not frappe.db.exists(doc.doctype, doc.name):
		return None
	return doc.get_latest()


def reset_app_fields_of_new_rows(doc):
	"""Frappe resets the fields a user may not write in the rows a record already had, not in rows
	added with it (a made-up analysis problem with its counts, a suggestion slip already linked to a
	complaint); they start from their defaults here, and the controller fills them in."""
	writable = doc.get_permlevel_access("write")
	record = stored_record(doc)
	stored = {row.name for row in record.get_all_children()} if record else set()
	for df in doc.meta.get_table_fields():
		app_fields = [
			field
			for field in frappe.get_meta(df.options).get_high_permlevel_fields()
			if field.permlevel not in writable
		]
		new_rows = [row for row in doc.get(df.fieldname) if row.name not in stored]
		if not (app_fields and new_rows):
			continue
		defaults = frappe.new_doc(df.options)
		for row in new_rows:
			for field in app_fields:
				row.set(field.fieldname, defaults.get(field.fieldname))
