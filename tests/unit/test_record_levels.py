"""The fields only the app sets are at a permission level no role writes (issue: records that hold as
evidence), the narrowed records' child tables are narrowed too, and prints escape what they print."""

import ast
import json
import re
from pathlib import Path

from property_service.rules.records import APP_SET_PERMLEVEL, KEPT_DOCTYPES

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "property_service"
DOCTYPES = {
	json.loads(path.read_text())["name"]: json.loads(path.read_text())
	for path in sorted((APP / "property_service").glob("doctype/*/*.json"))
}
WORKFLOW_STATE_FIELDS = {
	json.loads(path.read_text())["document_type"]: json.loads(path.read_text())["workflow_state_field"]
	for path in (APP / "workflow").glob("*.json")
}
NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button"}
HISTORY_TABLES = {"Complaint Escalation", "Case Pause", "Received Time Correction"}


def child_doctypes(doctype: str) -> set[str]:
	return {
		df["options"]
		for df in DOCTYPES[doctype]["fields"]
		if df["fieldtype"] in ("Table", "Table MultiSelect")
	}


def app_set_fields(doctype: str) -> list[dict]:
	"""Read-only fields the app fills in; not those Frappe fetches from a link, the workflow's state
	(which Frappe's workflow guards) or `amended_from` (Frappe's own)."""
	skip = {WORKFLOW_STATE_FIELDS.get(doctype), "amended_from"}
	return [
		df
		for df in DOCTYPES[doctype]["fields"]
		if df.get("read_only")
		and not df.get("fetch_from")
		and df["fieldtype"] not in NO_VALUE
		and df["fieldname"] not in skip
	]


def test_every_field_the_app_sets_is_at_the_app_level():
	wrong = {
		(doctype, df["fieldname"])
		for doctype in {*KEPT_DOCTYPES, *(c for d in KEPT_DOCTYPES for c in child_doctypes(d))}
		for df in app_set_fields(doctype)
		if df.get("permlevel", 0) != APP_SET_PERMLEVEL
	}
	assert not wrong


def test_history_tables_are_the_apps_whole():
	for doctype in HISTORY_TABLES:
		fields = [df for df in DOCTYPES[doctype]["fields"] if df["fieldtype"] not in NO_VALUE]
		assert all(df.get("permlevel") == APP_SET_PERMLEVEL and df.get("read_only") for df in fields), doctype
	holders = [
		(doctype, df["fieldname"])
		for doctype, meta in DOCTYPES.items()
		for df in meta["fields"]
		if df.get("options") in HISTORY_TABLES and df["fieldtype"] == "Table"
	]
	assert holders
	for doctype, fieldname in holders:
		df = next(df for df in DOCTYPES[doctype]["fields"] if df["fieldname"] == fieldname)
		assert df.get("permlevel") == APP_SET_PERMLEVEL and df.get("read_only"), (doctype, fieldname)


def test_no_role_writes_the_app_level_and_every_reader_reads_it():
	for doctype in KEPT_DOCTYPES:
		perms = DOCTYPES[doctype]["permissions"]
		at_level = [p for p in perms if p.get("permlevel", 0) == APP_SET_PERMLEVEL]
		assert not [p for p in at_level if p.get("write") or p.get("create")], doctype
		has_level = any(
			df.get("permlevel") == APP_SET_PERMLEVEL for df in DOCTYPES[doctype]["fields"]
		) or any(
			df.get("permlevel") == APP_SET_PERMLEVEL
			for child in child_doctypes(doctype)
			for df in DOCTYPES[child]["fields"]
		)
		if not has_level:
			continue
		readers = {p["role"] for p in perms if p.get("permlevel", 0) == 0 and p.get("read")}
		# a resident reads their household's record, not the office's deadlines and history
		readers.discard("Resident")
		assert readers <= {p["role"] for p in at_level if p.get("read")}, doctype


def test_the_narrowed_records_child_tables_are_narrowed():
	hooks = ast.parse((APP / "hooks.py").read_text())
	source = (APP / "hooks.py").read_text()
	narrowed_children = {
		child
		for parent in ("Complaint Register", "Handling Notice", "Repair Work Order")
		for child in child_doctypes(parent)
	}
	for child in narrowed_children:
		assert f'"{child}"' in source.split("permission_query_conditions")[1].split("has_permission")[0], (
			child
		)
	assert hooks  # hooks.py parses


def test_prints_and_portal_pages_escape_what_they_show():
	# the company's letter head comes first, outside the escaped block: it is the company's own HTML
	# (Letter Head, made by the app from Property Service Settings or by a System Manager)
	letter_head = '{%- if letter_head and not no_letterhead %}<div class="letter-head">{{ letter_head }}</div>{% endif %}\n'
	for path in sorted((APP / "property_service" / "print_format").glob("*/*.json")):
		html = json.loads(path.read_text())["html"].removeprefix(letter_head)
		assert html.startswith("{% autoescape true %}") and html.rstrip().endswith("{% endautoescape %}"), (
			path
		)
		assert "| safe" not in html and "|safe" not in html, path
	for path in sorted((APP / "www").glob("**/*.html")):
		page = path.read_text()
		content = page.split("{% block page_content %}", 1)[1]
		assert content.lstrip().startswith("{% autoescape true %}"), path
		assert not re.search(r"\|\s*safe", page), path
