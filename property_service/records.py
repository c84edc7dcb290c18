"""Records the office must keep (RE-1): nobody deletes them, whatever their roles."""

import json
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import cint, cstr, flt, get_datetime

from property_service.exceptions import RecordKeptError
from property_service.rules.records import KEPT_DOCTYPES


def refuse_deletion(doc, method=None):
	frappe.throw(
		_("{0} {1} is a record the office must keep, so it cannot be deleted.").format(
			_(doc.doctype), frappe.bold(doc.name)
		),
		RecordKeptError,
		title=_("Records are kept"),
	)


# the requests that write a document the client sends, or its fields, as they come
DOCUMENT_WRITES = {
	"frappe.desk.form.save.savedocs": "doc",
	"frappe.client.save": "doc",
	"frappe.client.submit": "doc",
	"run_doc_method": "docs",
	"frappe.handler.run_doc_method": "docs",
}
# where a document is read, written or created by its doctype and name (REST v1, with and without
# its version, and v2), and where a whitelisted method is called (v2 does not set `cmd`)
RESOURCE_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")
METHOD_PREFIXES = ("/api/method/", "/api/v1/method/", "/api/v2/method/")


def keep_read_only_fields(doc, method=None):
	"""What a request sends for a read-only field of a kept record is not taken: deadlines, breach
	marks, escalation levels, timestamps, counts and histories are the app's to set (its controllers,
	workflows and sweeps), not the desk's Save, the REST API or frappe.client. Such a field keeps its
	stored value, as Frappe keeps a field of a permission level the user cannot write. What the app's
	own code sets during the request (a whitelisted method run on the sent document) differs from what
	was sent, and stands."""
	if doc.is_new():
		return
	sent = sent_values(doc)
	if not sent:
		return
	stored = doc.get_latest()
	for df in doc.meta.fields:
		if not df.read_only or df.fetch_from or df.fieldname not in sent:
			continue
		if df.fieldtype in table_fields:
			keep_rows(doc, df.fieldname, stored.get(df.fieldname), as_list(sent[df.fieldname]))
		elif df.fieldtype not in no_value_fields:
			keep_value(doc, df, stored, sent)


def keep_value(doc, df, stored, sent: dict):
	if df.fieldname in sent and same(df, doc.get(df.fieldname), sent[df.fieldname]):
		doc.set(df.fieldname, stored.get(df.fieldname))


def keep_rows(doc, fieldname: str, stored_rows: list, sent_rows: list):
	"""A read-only table keeps its rows as stored, with what the app changed in them during the request:
	a stored row the request left out is back, one the app removed stays removed; a row the request made
	up is dropped, one the app added stays."""
	current = doc.get(fieldname)
	stored_names = {row.name for row in stored_rows}
	sent_by_name = {row.get("name"): row for row in sent_rows if isinstance(row, dict)}
	made_up = [row for row in sent_rows if isinstance(row, dict) and row.get("name") not in stored_names]
	by_name = {row.name: row for row in current}
	rows = []
	for original in stored_rows:
		row = by_name.get(original.name)
		if row is None:
			if original.name not in sent_by_name:
				rows.append(original)  # left out of what was sent
			continue
		for df in row.meta.fields:
			if df.fieldtype not in no_value_fields:
				keep_value(row, df, original, sent_by_name.get(original.name, {}))
		rows.append(row)
	for row in current:
		if row.name in stored_names:
			continue
		sent = next((sent for sent in made_up if is_row_sent(row, sent)), None)
		if sent is None:
			rows.append(row)  # the app's own
		else:
			made_up.remove(sent)
	doc.set(fieldname, rows)


def is_row_sent(row, sent: dict) -> bool:
	return all(
		same(df, row.get(df.fieldname), sent.get(df.fieldname))
		for df in row.meta.fields
		if df.fieldtype not in no_value_fields
	)


def sent_values(doc) -> dict | None:
	"""The fields this request sent for `doc`, when the request writes `doc` itself."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return None
	form = frappe.local.form_dict
	path = unquote(request.path)
	for prefix in RESOURCE_PREFIXES:
		if path.startswith(prefix):
			target = path[len(prefix) :].split("/")
			if target[:2] != [doc.doctype, str(doc.name)]:
				return None
			return as_dict(form.get("data")) or as_dict(request.get_data(as_text=True)) or dict(form)
	cmd = requested_method(path, form)
	if cmd in DOCUMENT_WRITES:
		sent = as_dict(form.get(DOCUMENT_WRITES[cmd]))
		return sent if is_target(doc, sent.get("doctype"), sent.get("name")) else None
	if cmd == "frappe.client.set_value" and is_target(doc, form.get("doctype"), form.get("name")):
		fieldname = form.get("fieldname")
		return (
			as_dict(fieldname) if str(fieldname).lstrip().startswith("{") else {fieldname: form.get("value")}
		)
	if cmd == "frappe.client.bulk_update":
		for sent in as_list(form.get("docs")):
			if isinstance(sent, dict) and is_target(doc, sent.get("doctype"), sent.get("docname")):
				return sent
	return None


def requested_method(path: str, form) -> str | None:
	"""The whitelisted method a request calls, from its path (the form's `cmd` for older callers)."""
	return next(
		(path[len(prefix) :] for prefix in METHOD_PREFIXES if path.startswith(prefix)), form.get("cmd")
	)


def is_target(doc, doctype, name) -> bool:
	return doctype == doc.doctype and str(name) == str(doc.name)


def as_dict(value) -> dict:
	try:
		value = frappe.parse_json(value)
	except ValueError:
		return {}
	return value if isinstance(value, dict) else {}


def as_list(value) -> list:
	try:
		value = frappe.parse_json(value)
	except ValueError:
		return []
	return value if isinstance(value, list) else []


def same(df, value, sent) -> bool:
	"""Whether `value` is what was sent, in the field's own type."""
	try:
		if df.fieldtype in ("Date", "Datetime", "Time"):
			return (get_datetime(value) if value else None) == (get_datetime(sent) if sent else None)
		if df.fieldtype in ("Int", "Check"):
			return cint(value) == cint(sent)
		if df.fieldtype in ("Float", "Currency", "Percent"):
			return flt(value) == flt(sent)
	except Exception:
		return False
	return cstr(value) == cstr(sent)


# the requests that create a document from what the client sends
DOCUMENT_CREATES = {
	"frappe.desk.form.save.savedocs": "doc",
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.client.submit": "doc",
}


def keep_read_only_fields_of_new_records():
	"""before_request: a new kept record takes none of its read-only fields from the request, which
	could otherwise create a complaint already accepted, resolved or registered by someone else. They
	are left out of what the request sends, so the record starts from its defaults and its controller
	sets them (the update of a stored record is `keep_read_only_fields`'s)."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method not in ("POST", "PUT"):
		return
	form, path = frappe.local.form_dict, unquote(request.path)
	for prefix in RESOURCE_PREFIXES:
		if path.startswith(prefix):
			target = path[len(prefix) :].strip("/").split("/")
			if request.method == "POST" and len(target) == 1 and target[0] in KEPT_DOCTYPES:
				if prefix == "/api/v2/document/":  # v2 creates from the form itself
					for fieldname in read_only_fields(target[0]):
						form.pop(fieldname, None)
				else:
					sent = as_dict(form.get("data")) or as_dict(request.get_data(as_text=True))
					form["data"] = json.dumps(without_read_only(target[0], sent), default=str)
			return
	key = DOCUMENT_CREATES.get(requested_method(path, form))
	if not key:
		return
	sent = as_dict(form.get(key))
	if sent.get("doctype") in KEPT_DOCTYPES and (sent.get("__islocal") or not sent.get("name")):
		form[key] = json.dumps(without_read_only(sent["doctype"], sent), default=str)


def read_only_fields(doctype: str) -> list[str]:
	return [
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.read_only
		and not df.fetch_from
		and (df.fieldtype in table_fields or df.fieldtype not in no_value_fields)
	]


def without_read_only(doctype: str, sent: dict) -> dict:
	read_only = set(read_only_fields(doctype))
	return {key: value for key, value in sent.items() if key not in read_only}
