"""Every string the app shows a user, read from its files without Frappe.

Used by the unit test (each has a Chinese translation in the app's zh.csv) and by the
integration test (Frappe really serves those translations to a zh user).
"""

import ast
import csv
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "property_service"
MODULE = APP / "property_service"
TRANSLATIONS = APP / "translations" / "zh.csv"

_JS_CALL = re.compile(r"""__\(\s*(["'])((?:\\.|(?!\1).)+)\1""")
_JINJA_CALL = re.compile(r"""_\(\s*(["'])((?:\\.|(?!\1).)+)\1\s*\)""")


def doctype_strings(path: Path) -> set[str]:
	meta = json.loads(path.read_text())
	strings = {meta["name"]}
	strings.update(link["group"] for link in meta.get("links", []) if link.get("group"))
	for field in meta.get("fields", []):
		strings.update(filter(None, (field.get("label"), field.get("description"))))
		if field.get("fieldtype") == "Select":
			strings.update(option for option in (field.get("options") or "").split("\n") if option)
	return strings


def workflow_strings(path: Path) -> set[str]:
	definition = json.loads(path.read_text())
	strings = {definition["name"]}
	strings.update(row["state"] for row in definition["states"])
	strings.update(row["action"] for row in definition["transitions"])
	return strings


def workspace_strings(path: Path) -> set[str]:
	workspace = json.loads(path.read_text())
	strings = {workspace["label"], workspace["title"]}
	for key in ("links", "shortcuts", "quick_lists", "number_cards", "charts"):
		strings.update(row["label"] for row in workspace.get(key, []) if row.get("label"))
	# the page's own header blocks (Frappe's header block translates its text)
	for block in json.loads(workspace.get("content") or "[]"):
		if block["type"] == "header":
			strings.add(re.sub(r"<[^>]+>", "", block["data"]["text"]).strip())
	return strings


def dashboard_strings(path: Path) -> set[str]:
	"""A number card's label, a chart's and a chart source's name: the workspace shows them as titles."""
	record = json.loads(path.read_text())
	return set(filter(None, (record.get("label"), record.get("chart_name"), record.get("source_name"))))


def jinja_fields_strings(path: Path, *fields: str) -> set[str]:
	"""_() calls in a record's Jinja fields: a notification's subject and message, a print format's html."""
	record = json.loads(path.read_text())
	return {
		match.group(2).replace("\\'", "'").replace('\\"', '"')
		for field in fields
		for match in _JINJA_CALL.finditer(record.get(field) or "")
	}


def print_format_strings(path: Path) -> set[str]:
	"""A print format's name (the format picker lists it) and the _() calls of its template."""
	return {json.loads(path.read_text())["name"]} | jinja_fields_strings(path, "html")


_JS_SELECT_OPTIONS = re.compile(r"""fieldtype:\s*"Select",(?:(?!fieldtype)[^{}])*?options:\s*\[([^\]]*)\]""")


def js_select_options(path: Path) -> set[str]:
	"""The options of a Select filter in a report's .js (Frappe translates them as it shows them)."""
	return {
		option
		for match in _JS_SELECT_OPTIONS.finditer(re.sub(r"\s+", " ", path.read_text()))
		for option in re.findall(r'"([^"]*)"', match.group(1))
		if option
	}


def python_strings(path: Path) -> set[str]:
	"""Literal arguments of _() and _lt() calls."""
	strings = set()
	for node in ast.walk(ast.parse(path.read_text())):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id in ("_", "_lt")
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			strings.add(node.args[0].value)
	return strings


def constant_labels(path: Path) -> set[str]:
	"""Words in a report's module-level constants (MEASURED, PLACES…), which it shows through _(variable):
	every capitalised phrase there ("Complaint Acceptance", "Same Unit"); field names are lower case."""
	strings = set()
	for node in ast.parse(path.read_text()).body:
		if isinstance(node, ast.Assign | ast.AnnAssign) and all(
			isinstance(target, ast.Name) and target.id.isupper()
			for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
		):
			for item in ast.walk(node.value):
				if (
					isinstance(item, ast.Constant)
					and isinstance(item.value, str)
					and re.fullmatch(r"[A-Z][A-Za-z' ]+", item.value)
				):
					strings.add(item.value)
	return strings


def pattern_strings(path: Path, pattern: re.Pattern) -> set[str]:
	return {
		match.group(2).replace("\\'", "'").replace('\\"', '"') for match in pattern.finditer(path.read_text())
	}


def role_strings() -> set[str]:
	source = (APP / "roles.py").read_text()
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "ROLES":
			return {key.value for key in node.value.keys}
	return set()


def translatable_strings() -> dict[str, set[str]]:
	"""Each string with the files it comes from."""
	found: dict[str, set[str]] = {}

	def add(strings, path):
		for text in strings:
			found.setdefault(text, set()).add(str(path.relative_to(REPO)))

	for path in sorted(MODULE.glob("doctype/*/*.json")):
		add(doctype_strings(path), path)
	for path in sorted((APP / "workflow").glob("*.json")):
		add(workflow_strings(path), path)
	for path in sorted(MODULE.glob("workspace/*/*.json")):
		add(workspace_strings(path), path)
	for path in sorted(MODULE.glob("report/*/*.json")):
		add({json.loads(path.read_text())["name"]}, path)
	for kind in ("number_card", "dashboard_chart", "dashboard_chart_source"):
		for path in sorted(MODULE.glob(f"{kind}/*/*.json")):
			add(dashboard_strings(path), path)
	for path in sorted(MODULE.glob("notification/*/*.json")):
		add(jinja_fields_strings(path, "subject", "message"), path)
	for path in sorted(MODULE.glob("print_format/*/*.json")):
		add(print_format_strings(path), path)
	for path in sorted(MODULE.glob("report/*/*.js")):
		add(js_select_options(path), path)
	for path in sorted(MODULE.glob("report/*/*.py")):
		add(constant_labels(path), path)
	for path in sorted(MODULE.glob("print_format/*/*.json")):  # shown in the desk's print dialogs
		add({json.loads(path.read_text())["name"]}, path)
	for path in sorted(APP.rglob("*.py")):
		add(python_strings(path), path)
	for path in sorted(APP.rglob("*.js")):
		add(pattern_strings(path, _JS_CALL), path)
	for path in sorted(APP.rglob("*.html")):
		add(pattern_strings(path, _JINJA_CALL), path)
	add(role_strings(), APP / "roles.py")
	return found


_JS_BARE_LABEL = re.compile(r"""\b(?:label|title|description):\s*(["'`])(?=[^"'`]*[A-Za-z])""")


def untranslated_literals() -> list[str]:
	"""Labels written as plain literals where a zh user would read them in English: a report's column,
	summary or chart dataset ({"label": "…"} / {"name": "…"} in Python) and a filter or field label in the
	app's JavaScript (label: "…" instead of label: __("…"))."""
	found = []
	for path in sorted([*MODULE.glob("report/*/*.py"), APP / "dashboard.py"]):
		for node in ast.walk(ast.parse(path.read_text())):
			if isinstance(node, ast.Dict):
				for key, value in zip(node.keys, node.values, strict=True):
					if (
						isinstance(key, ast.Constant)
						and key.value in ("label", "name")
						and isinstance(value, ast.Constant)
						and isinstance(value.value, str)
						and re.search("[A-Za-z]", value.value)
					):
						found.append(f"{path.relative_to(REPO)}:{value.lineno} {value.value!r}")
	for path in sorted(APP.rglob("*.js")):
		for number, line in enumerate(path.read_text().splitlines(), 1):
			if _JS_BARE_LABEL.search(line):
				found.append(f"{path.relative_to(REPO)}:{number} {line.strip()}")
	return found


def chinese_translations() -> dict[str, str]:
	with TRANSLATIONS.open(newline="", encoding="utf-8") as handle:
		return {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}
