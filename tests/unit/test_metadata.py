"""The app's DocType, workflow, print format and workspace files hang together."""

import json
from pathlib import Path

import pytest

from property_service.roles import ROLES
from property_service.rules.records import KEPT_DOCTYPES

REPO = Path(__file__).resolve().parents[2]
MODULE = REPO / "property_service" / "property_service"
WORKFLOWS = sorted((REPO / "property_service" / "workflow").glob("*.json"))

DOCTYPES = {
	json.loads(path.read_text())["name"]: json.loads(path.read_text())
	for path in sorted(MODULE.glob("doctype/*/*.json"))
}
# Frappe's own DocTypes the app may link to
FRAPPE_TARGETS = {"User", "Role", "DocType", "File", "Language", "Country", "Letter Head"}
# Names ERPNext, HRMS and Frappe Helpdesk already use, which share a site with this app (DOMAIN.md, Names)
TAKEN_NAMES = {
	"Work Order",
	"Department",
	"Employee",
	"Customer",
	"Issue",
	"Holiday List",
	"Maintenance Visit",
	"Maintenance Schedule",
	"Warranty Claim",
	"Project",
	"Task",
	"Timesheet",
	"Location",
	"Asset",
	"Contract",
	"Quality Action",
	"Quality Feedback",
	"Quality Meeting",
	"Quality Review",
	"Non Conformance",
	"Appointment",
	"Lead",
	"Branch",
	"Designation",
	"Employee Grievance",
	"Grievance Type",
	"Vehicle",
	"Service Level Agreement",
	"Issue Type",
	"Issue Priority",
	"Driver",
	"Contact",
	"Address",
	"ToDo",
	"Event",
	"Note",
	"Comment",
	"Communication",
	"Team",
	"HD Team",
	"HD Ticket",
	"Survey",
	"Complaint",
	"Unit",
	"Property",
	"Settings",
	"Sales Invoice",
	"Item",
	"Supplier",
	"Project Type",
	"Activity Type",
}
REQUIRED_COMPLAINT_FIELDS = {
	"channel",
	"source_document_no",
	"resident",
	"property_unit",
	"complainant_name",
	"contact_phone",
	"category",
	"classification",
	"validity",
	"summary",
	"description",
	"received_on",
	"acceptance_due",
	"reply_due",
	"escalation_level",
	"status",
}
ALLOWED_ROLES = set(ROLES) | {"System Manager", "Administrator"}


def all_fields():
	for name, meta in DOCTYPES.items():
		for field in meta["fields"]:
			yield name, field


def test_doctype_names_do_not_clash_with_erpnext_hrms_or_helpdesk():
	assert not set(DOCTYPES) & TAKEN_NAMES


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_field_order_matches_fields_and_fieldnames_are_unique(name):
	meta = DOCTYPES[name]
	fieldnames = [field["fieldname"] for field in meta["fields"]]
	assert len(fieldnames) == len(set(fieldnames))
	assert meta["field_order"] == fieldnames
	assert meta["module"] == "Property Service"


def test_every_link_and_table_target_exists():
	for name, field in all_fields():
		if field["fieldtype"] == "Link":
			assert field["options"] in set(DOCTYPES) | FRAPPE_TARGETS, (name, field["fieldname"])
		if field["fieldtype"] in ("Table", "Table MultiSelect"):
			assert DOCTYPES[field["options"]].get("istable"), (name, field["fieldname"])


def test_every_fetch_from_reads_a_real_field_through_a_real_link():
	for name, field in all_fields():
		if not field.get("fetch_from"):
			continue
		link_field, source = field["fetch_from"].split(".")
		link = next(f for f in DOCTYPES[name]["fields"] if f["fieldname"] == link_field)
		target = link["options"]
		if target == "User":
			assert source in {"full_name", "email", "mobile_no"}
		else:
			assert source in {f["fieldname"] for f in DOCTYPES[target]["fields"]}, (name, field["fieldname"])


def test_permissions_use_only_roles_the_app_creates():
	for name, meta in DOCTYPES.items():
		for row in meta["permissions"]:
			assert row["role"] in ALLOWED_ROLES, (name, row["role"])


def test_no_role_may_delete_a_kept_record():  # rule RE-1
	for name in KEPT_DOCTYPES:
		meta = DOCTYPES[name]
		assert meta["track_changes"] == 1
		assert not any(row.get("delete") for row in meta["permissions"]), name


def test_complaint_register_has_the_fields_integrations_rely_on():
	fields = {field["fieldname"] for field in DOCTYPES["Complaint Register"]["fields"]}
	assert REQUIRED_COMPLAINT_FIELDS <= fields


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_workflow_is_consistent_with_its_doctype(path):
	workflow = json.loads(path.read_text())
	meta = DOCTYPES[workflow["document_type"]]
	state_field = next(f for f in meta["fields"] if f["fieldname"] == workflow["workflow_state_field"])
	options = state_field["options"].split("\n")
	states = [row["state"] for row in workflow["states"]]
	assert states[0] == state_field["default"]
	assert set(states) == set(options), "every workflow state is a status option and back"
	fieldnames = {f["fieldname"] for f in meta["fields"]}
	for row in workflow["states"]:
		assert row["allow_edit"] in ALLOWED_ROLES
		if row.get("update_field"):
			assert row["update_field"] in fieldnames
	for row in workflow["transitions"]:
		assert row["state"] in states and row["next_state"] in states, row
		assert row["allowed"] in ALLOWED_ROLES, row
	reachable = {states[0]} | {row["next_state"] for row in workflow["transitions"]}
	assert reachable == set(states), "every state can be reached"


def test_print_formats_and_workspace_point_at_app_doctypes():
	for path in MODULE.glob("print_format/*/*.json"):
		assert json.loads(path.read_text())["doc_type"] in DOCTYPES
	for path in MODULE.glob("workspace/*/*.json"):
		workspace = json.loads(path.read_text())
		reports = {json.loads(p.read_text())["name"] for p in MODULE.glob("report/*/*.json")}
		for link in workspace["links"]:
			if link["type"] == "Link":
				assert link["link_to"] in (reports if link["link_type"] == "Report" else DOCTYPES), link
		for shortcut in workspace["shortcuts"]:
			assert shortcut["link_to"] in (reports if shortcut["type"] == "Report" else DOCTYPES), shortcut
		blocks = json.loads(workspace["content"])
		cards = {link["label"] for link in workspace["links"] if link["type"] == "Card Break"}
		for block in blocks:
			if block["type"] == "card":
				assert block["data"]["card_name"] in cards


def test_default_print_formats_exist():
	names = {json.loads(p.read_text())["name"] for p in MODULE.glob("print_format/*/*.json")}
	for meta in DOCTYPES.values():
		if meta.get("default_print_format"):
			assert meta["default_print_format"] in names


def test_reports_belong_to_app_doctypes_and_app_roles():
	for path in MODULE.glob("report/*/*.json"):
		report = json.loads(path.read_text())
		assert report["ref_doctype"] in DOCTYPES
		assert report["is_standard"] == "Yes" and report["module"] == "Property Service"
		assert {row["role"] for row in report["roles"]} <= ALLOWED_ROLES, report["name"]
		folder = path.parent
		assert (folder / f"{folder.name}.py").exists() and (folder / f"{folder.name}.js").exists()


def test_complaint_state_groups_name_real_workflow_states():
	from property_service.rules import complaint_states

	workflow = json.loads((REPO / "property_service" / "workflow" / "complaint_lifecycle.json").read_text())
	states = {row["state"] for row in workflow["states"]}
	assert set(complaint_states.UNRESOLVED) <= states
	assert "Resolved" not in complaint_states.UNRESOLVED and "Registered" not in complaint_states.IN_HAND
