"""What install creates, uninstall removes; migrate keeps it in step with the files.

Roles and workflows have no module in Frappe v15, so they are not synced like DocTypes:
they are put in place here on install and on every migrate, idempotently.
"""

import json
from pathlib import Path

import frappe

from property_service import landing
from property_service.controllers import escalation_ladder
from property_service.controllers.notifications import apply_switches as apply_notification_switches
from property_service.integrations import erpnext
from property_service.property_service.doctype.opinion_survey import approval_chain as survey_approval
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	apply_defaults as apply_settings_defaults,
)
from property_service.roles import ROLES

WORKFLOW_DIR = Path(__file__).parent / "workflow"


def after_install():
	after_migrate()


def after_migrate():
	sync_roles()
	escalation_ladder.keep_default_ladder()  # ES-5: today's ladder where the company has set none
	survey_approval.fill_default_chain()
	sync_workflows()
	survey_approval.apply()  # the survey's status options follow its approval chain (SV-2)
	apply_settings_defaults()
	apply_notification_switches()
	create_default_survey_aspects()
	erpnext.set_up()
	landing.land_existing_staff()
	show_user_names_in_links()


def before_uninstall():
	landing.release_staff()
	frappe.db.delete("Property Setter", USER_NAMES_IN_LINKS)
	for definition in workflow_definitions():
		if frappe.db.exists("Workflow", definition["name"]):
			frappe.delete_doc("Workflow", definition["name"], ignore_permissions=True, force=True)
	for role in ROLES:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)


# staff are known by name, not by their login e-mail: a Link to User (team head, issuer, signer,
# visitor...) shows the user's full name, User's title field, in forms, lists and link searches
USER_NAMES_IN_LINKS = {"doc_type": "User", "property": "show_title_field_in_link"}


def show_user_names_in_links():
	if frappe.db.get_value("Property Setter", USER_NAMES_IN_LINKS, "value") == "1":
		return
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	make_property_setter(
		"User",
		None,
		"show_title_field_in_link",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
	frappe.clear_cache(doctype="User")


def sync_roles():
	for role, desk_access in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert(
				ignore_permissions=True
			)
		elif frappe.db.get_value("Role", role, "desk_access") != desk_access:
			# Frappe makes a role a DocType's permissions name, with desk access, before this runs
			role_doc = frappe.get_doc("Role", role)
			role_doc.desk_access = desk_access
			role_doc.save(ignore_permissions=True)


def workflow_definitions() -> list[dict]:
	"""The files; the survey's with the company's approval chain (SV-2), the complaint's with its ladder (ES-5)."""
	return [
		escalation_ladder.configured(survey_approval.configured(json.loads(path.read_text())))
		for path in sorted(WORKFLOW_DIR.glob("*.json"))
	]


def sync_workflows():
	for definition in workflow_definitions():
		sync_workflow(definition)


def sync_workflow(definition: dict):
	"""Create or update one workflow to match its file; save nothing when it already matches."""
	for row in definition["states"]:
		if not frappe.db.exists("Workflow State", row["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": row["state"],
					"style": row.get("style", ""),
				}
			).insert(ignore_permissions=True)
	for action in {row["action"] for row in definition["transitions"]}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)

	if frappe.db.exists("Workflow", definition["name"]):
		workflow = frappe.get_doc("Workflow", definition["name"])
		if _as_in_file(workflow, definition) == _normalised(definition):
			return
		workflow.set("states", [])
		workflow.set("transitions", [])
	else:
		workflow = frappe.new_doc("Workflow")

	workflow.update({k: v for k, v in definition.items() if k not in ("doctype", "states", "transitions")})
	for row in definition["states"]:
		workflow.append("states", {k: v for k, v in row.items() if k != "style"})
	for row in definition["transitions"]:
		workflow.append("transitions", row)
	workflow.save(ignore_permissions=True)


_STATE_KEYS = ("state", "doc_status", "allow_edit", "update_field", "update_value")
_TRANSITION_KEYS = ("state", "action", "next_state", "allowed", "allow_self_approval", "condition")
_HEADER_KEYS = ("document_type", "workflow_state_field", "is_active", "send_email_alert", "override_status")


def _normalised(definition: dict) -> tuple:
	def rows(items, keys):
		return [tuple(str(item.get(k) or "") for k in keys) for item in items]

	return (
		tuple(str(definition.get(k) or "") for k in _HEADER_KEYS),
		rows(definition["states"], _STATE_KEYS),
		rows(definition["transitions"], _TRANSITION_KEYS),
	)


def _as_in_file(workflow, definition: dict) -> tuple:
	return _normalised(
		{
			**{k: workflow.get(k) for k in _HEADER_KEYS},
			"states": [row.as_dict() for row in workflow.states],
			"transitions": [row.as_dict() for row in workflow.transitions],
		}
	)


# SV-1: what an opinion survey asks about, until the company changes the list
DEFAULT_SURVEY_ASPECTS = (
	"Power Supply",
	"Water Supply",
	"Fire and Public Security",
	"Cleaning",
	"Greening",
	"Public Facilities",
	"Maintenance Service",
	"Service Attitude",
)


def create_default_survey_aspects():
	if frappe.db.count("Survey Aspect"):
		return  # the company's own list stands
	for order, aspect in enumerate(DEFAULT_SURVEY_ASPECTS, 1):
		frappe.get_doc({"doctype": "Survey Aspect", "aspect_name": aspect, "sort_order": order}).insert(
			ignore_permissions=True
		)
