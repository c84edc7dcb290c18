"""SV-2 on a real site: the survey plan's approval chain is the company's (Property Service Settings), the
three managers by default; saving the settings remakes the workflow, and migrate keeps what was set."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError

from property_service import install
from property_service.property_service.doctype.opinion_survey import approval_chain
from property_service.rules import surveys
from tests.integration.factories import act
from tests.integration.test_opinion_surveys import base, plan_survey  # noqa: F401  (base is a fixture)

REFUSED = (WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)


def set_chain(steps):
	settings = frappe.get_single("Property Service Settings")
	settings.set(
		"survey_approval_steps",
		[{"review_state": s, "approver_role": r, "approve_action": a} for s, r, a in steps],
	)
	settings.save()


@pytest.fixture
def restore_chain():
	yield
	# the workflow and the status options are cached outside the transaction the test rolls back
	set_chain(surveys.DEFAULT_APPROVAL_CHAIN)
	frappe.clear_cache(doctype="Opinion Survey")


def workflow_states() -> list[str]:
	return [row.state for row in frappe.get_doc("Workflow", approval_chain.WORKFLOW).states]


def test_the_three_managers_are_the_chain_a_site_starts_with():
	rows = frappe.get_single("Property Service Settings").survey_approval_steps
	assert [(r.review_state, r.approver_role, r.approve_action) for r in rows] == list(
		surveys.DEFAULT_APPROVAL_CHAIN
	)
	assert workflow_states()[:5] == [
		"Planned",
		"Department Manager Review",
		"Deputy GM Review",
		"General Manager Review",
		"Plan Approved",
	]
	# the survey's own list of states stands: no Property Setter for the default chain
	assert not frappe.db.exists(
		"Property Setter", {"doc_type": "Opinion Survey", "field_name": "status", "property": "options"}
	)


def test_the_deputy_gm_alone_approves_when_the_company_says_so(base, restore_chain):  # noqa: F811
	# seed 003: 分管副总经理负责调查活动计划的审批
	set_chain([("Deputy GM Review", "Deputy General Manager", "Approve Plan")])
	assert workflow_states()[:3] == ["Planned", "Deputy GM Review", "Plan Approved"]
	survey = act(plan_survey(base), "Submit for Approval", "assistant@ps.test")
	assert survey.status == "Deputy GM Review"
	with pytest.raises(REFUSED):
		act(survey, "Approve Plan", "csm@ps.test")
	survey = act(survey, "Approve Plan", "dgm@ps.test")
	assert survey.status == "Plan Approved"

	# a migrate puts the workflow in place from its file with the chain the company set, not the file's
	install.sync_workflows()
	assert workflow_states()[:3] == ["Planned", "Deputy GM Review", "Plan Approved"]


def test_a_step_of_the_companys_own_is_a_state_of_the_survey(base, restore_chain):  # noqa: F811
	set_chain(
		[
			("Department Manager Review", "Customer Service Manager", "Confirm Plan"),
			("总经理审批 GM Approval", "General Manager", "总经理批准 GM Approves"),
		]
	)
	options = frappe.get_meta("Opinion Survey").get_field("status").options.split("\n")
	assert "总经理审批 GM Approval" in options and "Deputy GM Review" not in options
	survey = act(plan_survey(base), "Submit for Approval", "assistant@ps.test")
	survey = act(survey, "Confirm Plan", "csm@ps.test")
	assert survey.status == "总经理审批 GM Approval"
	with pytest.raises(REFUSED):
		act(survey, "总经理批准 GM Approves", "dgm@ps.test")

	# the step cannot go while a plan waits in it
	with pytest.raises(frappe.ValidationError, match="approve them or send them back"):
		set_chain(surveys.DEFAULT_APPROVAL_CHAIN)
	survey = act(survey, "总经理批准 GM Approves", "gm@ps.test")
	assert survey.status == "Plan Approved"


def test_a_chain_that_cannot_run_is_refused(restore_chain):
	with pytest.raises(frappe.ValidationError, match="named once"):
		set_chain([("A Review", "General Manager", "Go"), ("A Review", "Deputy General Manager", "Go On")])
	with pytest.raises(frappe.ValidationError, match="other states"):
		set_chain([("Collecting", "General Manager", "Go")])
	# a role that may not change a survey could never take the step
	with pytest.raises(frappe.ValidationError, match="cannot approve"):
		set_chain([("主任审核 Director Review", "Office Director", "主任批准 Director Approves")])


def test_a_survey_sooner_than_the_frequency_is_flagged_when_planned(base):  # noqa: F811  SV-9
	from frappe.utils import add_days, today

	plan_survey(base, start=add_days(today(), -30))
	frappe.clear_messages()
	plan_survey(base)  # a month after the last one, with a yearly frequency
	said = " ".join(str(m) for m in frappe.get_message_log())
	assert "more often than the plan says" in said
