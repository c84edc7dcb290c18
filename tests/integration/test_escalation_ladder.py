"""ES-5 on a real site: the escalation ladder is the company's. Sites from before keep today's ladder
(the patch writes it as configuration); a company that puts the office director below its manager
(seed 002) has complaints climb, by hand and by the deadline sweep, in its order, with the workflow's
steps and the levels' names following; important complaints go to the level it names (seed 003)."""

import json

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, get_transitions
from frappe.utils import add_to_date, now_datetime

from property_service import install
from property_service.controllers import escalation_ladder
from property_service.deadline_sweep import HOURLY, sweep
from property_service.patches import escalation_ladder_as_configuration
from property_service.rules import escalation
from tests.integration.factories import act, edit, ensure_base_data, issue_notice, make_complaint

SETTINGS = "Property Service Settings"
# seed 002: the office director reports to the company's manager, whom this company calls 物业公司经理
DIRECTOR_BELOW_MANAGER = ("Assistant", "Supervisor", "Director", "Manager")
COMPANY_MANAGER = "物业公司经理"


def forget_cached():
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	frappe.clear_document_cache("Workflow", escalation_ladder.COMPLAINT_WORKFLOW)
	frappe.clear_cache(doctype="Complaint Register")


@pytest.fixture(autouse=True)
def todays_ladder():
	"""Each test starts from today's ladder (a demo loaded on the site keeps the demo company's names
	and its level for important complaints) and leaves the site as it found it."""
	set_ladder(escalation.LEVELS, major_complaint_level="Manager", important_complaint_level=None)
	yield
	frappe.db.rollback()
	forget_cached()


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


def set_ladder(levels=escalation.LEVELS, names=None, **values):
	settings = frappe.get_doc(SETTINGS)
	settings.set(
		"escalation_ladder", [{"level": level, "level_name": (names or {}).get(level)} for level in levels]
	)
	settings.update(values)
	settings.save()
	forget_cached()
	return settings


@pytest.fixture
def company_ladder():
	return set_ladder(
		DIRECTOR_BELOW_MANAGER, names={"Manager": COMPANY_MANAGER}, major_complaint_level="Director"
	)


def escalate(complaint, user, action, reason="需要上一级决定"):
	edit(complaint, user, escalation_reason=reason)
	return act(complaint, action, user)


def actions_for(complaint, user) -> set[str]:
	frappe.set_user(user)
	try:
		return {step.action for step in get_transitions(frappe.get_doc(complaint.doctype, complaint.name))}
	finally:
		frappe.set_user("Administrator")


def complaint_workflow_steps() -> list[tuple]:
	workflow = frappe.get_doc("Workflow", escalation_ladder.COMPLAINT_WORKFLOW)
	return sorted(
		(row.state, row.action, row.next_state, row.allowed, row.condition or "")
		for row in workflow.transitions
	)


def file_steps() -> list[tuple]:
	definition = json.loads((install.WORKFLOW_DIR / "complaint_lifecycle.json").read_text())
	return sorted(
		(row["state"], row["action"], row["next_state"], row["allowed"], row.get("condition") or "")
		for row in definition["transitions"]
	)


def test_a_site_from_before_keeps_todays_ladder_as_configuration(base):
	# an escalation recorded before the ladder had names
	complaint = escalate(
		act(make_complaint(base), "Accept", "assistant@ps.test"),
		"assistant@ps.test",
		"Escalate to Supervisor",
	)
	frappe.db.set_value("Complaint Escalation", {"parent": complaint.name}, "to_level_name", None)
	frappe.db.delete("Escalation Level", {"parenttype": SETTINGS})
	frappe.db.set_single_value(SETTINGS, "major_complaint_level", None)
	forget_cached()

	escalation_ladder_as_configuration.execute()
	escalation_ladder_as_configuration.execute()  # again: nothing more

	settings = frappe.get_doc(SETTINGS)
	assert [(row.level, row.role, row.workflow_state) for row in settings.escalation_ladder] == [
		("Assistant", "Customer Service Assistant", None),
		("Supervisor", "Customer Service Supervisor", "Escalated to Supervisor"),
		("Manager", "Property Manager", "Escalated to Manager"),
		("Director", "Office Director", "Escalated to Director"),
	]
	assert settings.major_complaint_level == "Manager" and not settings.important_complaint_level
	assert escalation_ladder.get_ladder() == escalation.DEFAULT_LADDER
	# the escalation keeps the name its level had (the level's own, in the site's language)
	recorded = frappe.db.get_value("Complaint Escalation", {"parent": complaint.name}, "to_level_name")
	assert recorded == frappe._("Supervisor", lang=frappe.db.get_default("lang") or "en")
	# the complaint workflow is the file's, step for step
	assert complaint_workflow_steps() == file_steps()
	assert "property_service.patches.escalation_ladder_as_configuration" in frappe.get_file_items(
		frappe.get_app_path("property_service", "patches.txt")
	)


@pytest.mark.parametrize(
	("levels", "message"),
	[
		(("Assistant", "Supervisor", "Manager"), "Director is missing from the escalation ladder"),
		(
			("Assistant", "Supervisor", "Manager", "Manager", "Director"),
			"Manager is on the escalation ladder twice",
		),
		(
			("Supervisor", "Assistant", "Manager", "Director"),
			"The escalation ladder starts at the front desk",
		),
	],
)
def test_a_ladder_the_app_cannot_run_is_refused(levels, message):
	with pytest.raises(frappe.ValidationError, match=message):
		set_ladder(levels)


def test_each_row_shows_who_holds_the_level_and_the_state_a_complaint_takes(company_ladder):
	rows = [
		(row.level, row.level_name, row.role, row.workflow_state) for row in company_ladder.escalation_ladder
	]
	assert rows == [
		("Assistant", None, "Customer Service Assistant", None),
		("Supervisor", None, "Customer Service Supervisor", "Escalated to Supervisor"),
		("Director", None, "Office Director", "Escalated to Director"),
		("Manager", COMPANY_MANAGER, "Property Manager", "Escalated to Manager"),
	]


def test_a_complaint_climbs_the_companys_ladder_by_hand(base, company_ladder):  # ES-1, ES-5
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complaint = escalate(complaint, "assistant@ps.test", "Escalate to Supervisor")

	# the supervisor sends it up to the office director, not to the manager
	offered = actions_for(complaint, "supervisor@ps.test")
	assert "Escalate to Director" in offered and "Escalate to Manager" not in offered
	complaint = escalate(complaint, "supervisor@ps.test", "Escalate to Director")
	assert (complaint.status, complaint.escalation_level) == ("Escalated to Director", "Director")

	# the property manager has nothing to do on a case below their level...
	assert not actions_for(complaint, "manager@ps.test") & {"Escalate to Director", "Resolve"}
	# ...and the director sends it up to the company's manager
	complaint = escalate(complaint, "director@ps.test", "Escalate to Manager", "需公司经理决定")
	assert (complaint.status, complaint.escalation_level) == ("Escalated to Manager", "Manager")

	rows = [(r.from_level, r.to_level, r.to_level_name, r.assigned_to) for r in complaint.escalations]
	assert rows == [
		("Assistant", "Supervisor", "Supervisor", "supervisor@ps.test"),
		("Supervisor", "Director", "Director", "director@ps.test"),
		("Director", "Manager", COMPANY_MANAGER, "manager@ps.test"),
	]

	complaint = act(complaint, "Take Over", "manager@ps.test")
	with pytest.raises(WorkflowTransitionError):  # the director is below the manager's case now
		act(complaint, "Resolve", "director@ps.test")
	complaint = edit(complaint, "manager@ps.test", handling_result="公司经理决定：承担维修费用")
	complaint = act(complaint, "Resolve", "manager@ps.test")
	assert (complaint.resolved_level, complaint.resolved_by) == ("Manager", "manager@ps.test")


def test_a_late_complaint_climbs_the_companys_ladder(base, company_ladder):  # ES-3, ES-5
	complaint = make_complaint(base, received_on=add_to_date(now_datetime(), hours=-80))
	complaint = act(complaint, "Accept", "assistant@ps.test")
	complaint = act(complaint, "Start Handling", "assistant@ps.test")
	sweep(HOURLY)  # the 3-day reply is late
	complaint.reload()
	assert (complaint.escalation_level, complaint.status) == ("Supervisor", "Escalated to Supervisor")

	for level, state, told in (
		("Director", "Escalated to Director", "director@ps.test"),
		("Manager", "Escalated to Manager", "manager@ps.test"),
		("Manager", "Escalated to Manager", "manager@ps.test"),  # the top keeps it and is told again
	):
		notice = issue_notice(complaint, "supervisor@ps.test", due_on=add_to_date(now_datetime(), hours=1))
		sweep(HOURLY, now=add_to_date(now_datetime(), hours=2))
		complaint.reload()
		assert (complaint.escalation_level, complaint.status) == (level, state)
		alert = frappe.get_all(
			"Deadline Alert", filters={"reference_name": notice.name}, fields=["to_level", "notified"]
		)
		assert [(a.to_level, a.notified) for a in alert] == [(level, told)]

	assert [(r.from_level, r.to_level) for r in complaint.escalations] == [
		("Assistant", "Supervisor"),
		("Supervisor", "Director"),
		("Director", "Manager"),
	]


def test_a_breach_passes_a_level_the_estate_left_empty_in_the_companys_order(base, company_ladder):
	frappe.db.set_value("Estate", base.estate, "office_director", None)
	complaint = make_complaint(base, received_on=add_to_date(now_datetime(), hours=-80))
	complaint = act(complaint, "Accept", "assistant@ps.test")
	complaint = escalate(complaint, "assistant@ps.test", "Escalate to Supervisor")
	notice = issue_notice(complaint, "supervisor@ps.test", due_on=add_to_date(now_datetime(), hours=1))
	sweep(HOURLY, now=add_to_date(now_datetime(), hours=2))
	# the director's level is next, and nobody holds it here: the company's manager is told (the
	# complaint itself waits until the estate names its director, as with today's ladder)
	alert = frappe.get_all(
		"Deadline Alert", filters={"reference_name": notice.name}, fields=["to_level", "notified"]
	)
	assert [(a.to_level, a.notified) for a in alert] == [("Director", "manager@ps.test")]


def test_an_important_complaint_goes_to_the_level_the_company_names(base):  # IN-5, seed 003
	ordinary = make_complaint(base, classification="Important")
	assert ordinary.escalation_level == "Assistant"  # today's ladder names no level for them

	set_ladder(important_complaint_level="Director")
	frappe.set_user("assistant@ps.test")
	try:
		complaint = make_complaint(base, classification="Important")
	finally:
		frappe.set_user("Administrator")
	assert complaint.escalation_level == "Director"
	row = complaint.escalations[-1]
	assert (row.from_level, row.to_level, row.assigned_to) == ("Assistant", "Director", "director@ps.test")
	assert row.reason == "Important complaint: it goes straight to Director."
	assert frappe.db.exists(
		"ToDo", {"reference_name": complaint.name, "allocated_to": "director@ps.test", "status": "Open"}
	)
	# one found important later goes there too, and the director takes it over
	later = edit(
		act(make_complaint(base), "Accept", "assistant@ps.test"),
		"assistant@ps.test",
		classification="Important",
	)
	assert later.escalation_level == "Director"
	assert "Resolve" not in actions_for(later, "assistant@ps.test")
	assert "Resolve" in actions_for(later, "director@ps.test")


def test_major_complaints_go_to_the_level_the_company_names(base, company_ladder):  # ES-2, ES-5
	frappe.set_user("assistant@ps.test")
	try:
		complaint = make_complaint(base, classification="Major")
	finally:
		frappe.set_user("Administrator")
	assert complaint.escalation_level == "Director"
	assert complaint.escalations[-1].assigned_to == "director@ps.test"


def test_back_to_todays_order_the_workflow_is_the_files_again(company_ladder):
	assert complaint_workflow_steps() != file_steps()
	set_ladder(escalation.LEVELS, major_complaint_level="Manager")
	assert complaint_workflow_steps() == file_steps()


def test_deadline_compliance_counts_escalations_up_the_companys_ladder(company_ladder):
	from property_service.property_service.report.deadline_compliance.deadline_compliance import get_summary

	summary = get_summary(frappe._dict(), add_to_date(now_datetime(), days=-30), now_datetime())
	assert [row["label"] for row in summary] == [
		"Escalated to Supervisor",
		"Escalated to Director",
		f"Escalated to {COMPANY_MANAGER}",
	]
