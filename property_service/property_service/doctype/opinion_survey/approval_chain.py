"""SV-2: who approves an opinion survey's plan, in turn, is the company's to set (Property Service Settings,
Survey Plan Approval). The workflow "Opinion Survey Approval" is made from its file with the configured
chain put between "Planned" and "Plan Approved" (rules.surveys.approval_workflow), on every migrate and
whenever the settings are saved; the survey's status takes the chain's states as its options. A site that
never set a chain has the one in the file: department manager, deputy general manager, general manager."""

import json
from pathlib import Path

import frappe
from frappe import _

from property_service.rules import surveys

WORKFLOW = "Opinion Survey Approval"
WORKFLOW_FILE = Path(__file__).parents[3] / "workflow" / "opinion_survey_approval.json"
SETTINGS = "Property Service Settings"
TABLE = "survey_approval_steps"


def steps_of(rows) -> list[tuple[str, str, str]]:
	return [
		((row.review_state or "").strip(), row.approver_role, (row.approve_action or "").strip())
		for row in rows
	]


def chain() -> list[tuple[str, str, str]]:
	"""The configured chain, or the app's when the company has set none (or the app is not installed:
	uninstalling reads the workflows' names from their files)."""
	if not frappe.db.table_exists("Survey Approval Step"):
		return list(surveys.DEFAULT_APPROVAL_CHAIN)
	step = frappe.qb.DocType("Survey Approval Step")
	rows = (
		frappe.qb.from_(step)
		.select(step.review_state, step.approver_role, step.approve_action)
		.where((step.parent == SETTINGS) & (step.parenttype == SETTINGS) & (step.parentfield == TABLE))
		.orderby(step.idx)
		.run(as_dict=True)
	)
	return steps_of(frappe._dict(row) for row in rows) or list(surveys.DEFAULT_APPROVAL_CHAIN)


def awaiting_approval() -> list[str]:
	"""The states a plan waits in for approval (SV-2), as the workflow has them now."""
	if frappe.db.exists("Workflow", WORKFLOW):
		states = [row.state for row in frappe.get_doc("Workflow", WORKFLOW).states]
		return surveys.approval_states({"states": [{"state": state} for state in states]})
	return [state for state, _role, _action in chain()]


def configured(definition: dict) -> dict:
	"""A workflow file's definition, the survey's with the configured chain."""
	if definition.get("name") != WORKFLOW:
		return definition
	return surveys.approval_workflow(definition, chain())


def file_definition() -> dict:
	return json.loads(WORKFLOW_FILE.read_text())


def fill_default_chain():
	"""On install and migrate: the chain the site runs, written out in the settings for the company to see
	and change (a site that had the three managers keeps them)."""
	if frappe.db.count("Survey Approval Step", {"parent": SETTINGS, "parentfield": TABLE}):
		return
	for idx, (state, role, action) in enumerate(surveys.DEFAULT_APPROVAL_CHAIN, 1):
		frappe.get_doc(
			{
				"doctype": "Survey Approval Step",
				"parent": SETTINGS,
				"parenttype": SETTINGS,
				"parentfield": TABLE,
				"idx": idx,
				"review_state": state,
				"approver_role": role,
				"approve_action": action,
			}
		).db_insert()


def validate_settings(doc, method=None):
	"""The chain the settings are saved with can run, and leaves no plan in a state that goes away."""
	steps = steps_of(doc.get(TABLE))
	if not steps:
		return  # the app's chain
	fixed = [row["state"] for row in file_definition()["states"]]
	fixed = [state for state in fixed if state not in surveys.approval_states(file_definition())]
	problems = surveys.chain_problems(steps, fixed)
	if problems:
		frappe.throw(
			_("The survey plan's approval chain needs {0}.").format(", ".join(_(p) for p in problems)),
			title=_("Survey Plan Approval"),
		)
	writers = {p.role for p in frappe.get_meta("Opinion Survey").permissions if p.write and not p.permlevel}
	for _state, role, _action in steps:
		if role not in writers:
			frappe.throw(
				_(
					"{0} cannot change an opinion survey, so it cannot approve one: give the role write permission on Opinion Survey first."
				).format(frappe.bold(_(role))),
				title=_("Survey Plan Approval"),
			)
	kept = {state for state, _role, _action in steps}
	for state in set(awaiting_approval()) - kept:
		waiting = frappe.get_all("Opinion Survey", filters={"status": state}, pluck="name")
		if waiting:
			frappe.throw(
				_(
					"Plans wait in {0} ({1}): approve them or send them back before taking the step out."
				).format(frappe.bold(_(state)), ", ".join(waiting)),
				title=_("Survey Plan Approval"),
			)


def on_settings_update(doc, method=None):
	apply()


def apply():
	"""The workflow and the survey's status options as the chain says; nothing saved when they match."""
	from property_service.install import sync_workflow

	definition = configured(file_definition())
	sync_workflow(definition)
	set_status_options(definition)


def set_status_options(definition: dict):
	"""The survey's status lists the workflow's states; the DocType's own list when the chain is the app's
	(a Property Setter, as Customize Form makes one)."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	meta_options = frappe.db.get_value(
		"DocField", {"parent": "Opinion Survey", "fieldname": "status"}, "options"
	)
	options = "\n".join(row["state"] for row in definition["states"])
	setter = {"doc_type": "Opinion Survey", "field_name": "status", "property": "options"}
	current = frappe.db.get_value("Property Setter", setter, "value")
	if options == meta_options:
		if current is not None:
			frappe.db.delete("Property Setter", setter)
			frappe.clear_cache(doctype="Opinion Survey")
		return
	if current != options:
		make_property_setter(
			"Opinion Survey", "status", "options", options, "Text", validate_fields_for_doctype=False
		)
		frappe.clear_cache(doctype="Opinion Survey")
