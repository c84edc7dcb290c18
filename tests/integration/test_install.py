"""Install, uninstall and migrate, through bench as an administrator runs them."""

import json
from pathlib import Path

import frappe
import pytest

from property_service.install import workflow_definitions
from property_service.roles import ROLES
from tests.integration.conftest import bench

MODULE = Path(__file__).resolve().parents[2] / "property_service" / "property_service"
APP_DOCTYPES = (
	"Complaint Register",
	"Handling Notice",
	"Repair Work Order",
	"Opinion Survey",
	"Estate",
	"Property Service Settings",
)
# DOMAIN.md's defaults, as a company starts with them
DOMAIN_DEFAULTS = {
	"acceptance_hours": 24,
	"reply_days": 3,
	"major_after_months": 1,
	"dispatch_minutes": 15,
	"rectification_notice_hours": 24,
	"visit_days_routine": 7,
	"visit_days_safety": 2,
	"visit_days_leak": 3,
	"visit_days_emergency": 0,
	"sample_small_below": 20,
	"sample_small_size": 5,
	"sample_large_above": 50,
	"sample_mid_percent": 30,
	"sample_large_size": 20,
	"sample_due_day": 5,
	"quota_manager": 10,
	"quota_supervisor": 30,
	"quota_maintenance_lead": 60,
	"target_visit_rate": 100,
	"target_valid_complaint_rate": 1,
	"survey_small_estate_area": 50000,
	"survey_hand_out_small": 98,
	"survey_hand_out_large": 90,
	"survey_collection_min_days": 10,
	"survey_collection_max_days": 15,
	"survey_min_response": 30,
	"survey_retention_years": 2,
}


def installed_state():
	"""What install puts in place, with the timestamps that show whether migrate touched it."""
	frappe.clear_cache()
	return {
		"roles": sorted(frappe.get_all("Role", filters={"name": ["in", list(ROLES)]}, pluck="name")),
		"workflows": frappe.get_all(
			"Workflow",
			filters={
				"document_type": [
					"in",
					frappe.get_all("DocType", filters={"module": "Property Service"}, pluck="name"),
				]
			},
			fields=["name", "modified"],
			order_by="name",
		),
		"doctypes": frappe.get_all(
			"DocType", filters={"module": "Property Service"}, fields=["name", "modified"], order_by="name"
		),
		"print_formats": frappe.get_all(
			"Print Format",
			filters={"module": "Property Service"},
			fields=["name", "modified"],
			order_by="name",
		),
		"workspaces": frappe.get_all(
			"Workspace", filters={"module": "Property Service"}, fields=["name", "modified"], order_by="name"
		),
		"settings": frappe.db.get_singles_dict("Property Service Settings"),
	}


def assert_installed():
	state = installed_state()
	assert state["roles"] == sorted(ROLES)
	for role, desk_access in ROLES.items():
		assert frappe.db.get_value("Role", role, "desk_access") == desk_access
	assert {w.name for w in state["workflows"]} == {d["name"] for d in workflow_definitions()}
	for definition in workflow_definitions():
		workflow = frappe.get_doc("Workflow", definition["name"])
		assert workflow.is_active and workflow.workflow_state_field == "status"
		assert [s.state for s in workflow.states] == [s["state"] for s in definition["states"]]
		assert len(workflow.transitions) == len(definition["transitions"])
	assert frappe.db.exists("Workspace", "Property Service")
	assert {p.name for p in state["print_formats"]} == {
		json.loads(path.read_text())["name"] for path in MODULE.glob("print_format/*/*.json")
	}


def test_install_puts_roles_workflows_and_default_settings_in_place():
	assert_installed()
	settings = frappe.get_single("Property Service Settings")
	assert {key: settings.get(key) for key in DOMAIN_DEFAULTS} == DOMAIN_DEFAULTS
	assert settings.survey_frequency == "Yearly"


def test_migrate_twice_changes_nothing():
	bench("migrate")
	first = installed_state()
	bench("migrate")
	assert installed_state() == first


def test_reinstall():
	bench("uninstall-app", "property_service", "--yes", "--no-backup", "--force")
	frappe.clear_cache()
	assert not frappe.get_all("Role", filters={"name": ["in", list(ROLES)]})
	assert not frappe.get_all(
		"Workflow", filters={"name": ["in", [d["name"] for d in workflow_definitions()]]}
	)
	assert not frappe.db.exists("DocType", "Complaint Register")
	assert not frappe.db.table_exists("Complaint Register")

	bench("install-app", "property_service")
	assert_installed()
	assert frappe.db.table_exists("Complaint Register")


def test_settings_refuse_impossible_values():
	settings = frappe.get_single("Property Service Settings")
	settings.quota_supervisor = 130
	with pytest.raises(frappe.ValidationError):
		settings.save()
	settings.reload()
	settings.survey_collection_min_days, settings.survey_collection_max_days = 20, 15
	with pytest.raises(frappe.ValidationError):
		settings.save()
	settings.reload()
	settings.sample_small_below, settings.sample_large_above = 60, 50
	with pytest.raises(frappe.ValidationError):
		settings.save()
	assert frappe.get_single("Property Service Settings").quota_supervisor == 30


def test_indexes_for_what_lists_reports_and_sweeps_filter_on():
	def indexed_columns(doctype):
		rows = frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True)
		by_index = {}
		for row in rows:
			by_index.setdefault(row.Key_name, []).append(row.Column_name)
		return {tuple(columns) for columns in by_index.values()}

	assert ("status", "reply_due") in indexed_columns("Complaint Register")
	assert ("status", "dispatch_due") in indexed_columns("Repair Work Order")
	assert ("reference_doctype", "reference_name") in indexed_columns("Return Visit")
	assert ("complaint",) in indexed_columns("Handling Notice")
