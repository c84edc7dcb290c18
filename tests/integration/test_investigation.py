"""A complaint's verification, investigation and decision, and the complainant's written opinion
(IN-8, IN-9, IN-10), on a real site: a valid complaint takes each step in order before it is resolved,
each step is stamped with who and when, and the register entry prints them."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from property_service.exceptions import ComplaintError, ResolutionError
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from tests.integration.factories import act, edit, ensure_base_data, make_complaint

VERIFICATION = {
	"identity_verified": 1,
	"facts_verified": "Confirmed",
	"verification_notes": "电话核实房号，现场查看属实 Unit checked by phone, seen on site",
}
INVESTIGATION = {
	"facts_found": "楼上卫生间防水层破损 The flat above's waterproofing is broken",
	"cause_analysis": "防水层老化，巡检未发现 Worn waterproofing missed by the rounds",
}
DECISION = {
	"decision": "三日内修复防水层并修补吊顶 Repair within three days",
	"decision_agreed_by": "supervisor@ps.test",
	"decision_participants": "客服主管、维修组班长",
	"written_answer": "经调查，您反映的漏水属实…… The leak is confirmed……",
}


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


def accepted(base, **values):
	frappe.set_user("assistant@ps.test")
	try:
		complaint = make_complaint(base, service_team=base.team, **values)
	finally:
		frappe.set_user("Administrator")
	return act(complaint, "Accept", "assistant@ps.test")


def resolve(complaint, user="assistant@ps.test"):
	"""Resolve as the user's click would, without the factories' `act` taking the steps first."""
	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc(complaint.doctype, complaint.name), "Resolve")
	finally:
		frappe.set_user("Administrator")


def stored(complaint):
	return frappe.get_doc(complaint.doctype, complaint.name)


def test_a_valid_complaint_is_resolved_only_after_each_step(base):  # IN-8, IN-9, IN-10
	complaint = edit(accepted(base), "assistant@ps.test", handling_result="已维修 Repaired")

	with pytest.raises(ResolutionError, match="Verif"):
		resolve(complaint)
	edit(complaint, "assistant@ps.test", **VERIFICATION)
	with pytest.raises(ResolutionError, match="investigation"):
		resolve(complaint)
	edit(complaint, "assistant@ps.test", **INVESTIGATION)
	with pytest.raises(ResolutionError, match="decision"):
		resolve(complaint)
	edit(complaint, "assistant@ps.test", **DECISION)

	complaint = resolve(complaint)
	assert complaint.status == "Resolved"
	assert complaint.final_answered_on, "resolving sends the written answer (IN-11)"


def test_each_step_is_stamped_with_who_and_when(base):
	complaint = accepted(base)
	# the head of the department complained about investigates unless someone else is named (IN-9)
	assert complaint.investigated_by == "head@ps.test"
	complaint = edit(complaint, "assistant@ps.test", **VERIFICATION)
	assert (complaint.verified_by, bool(complaint.verified_on)) == ("assistant@ps.test", True)
	complaint = edit(complaint, "assistant@ps.test", **INVESTIGATION)
	assert complaint.investigated_on
	complaint = edit(complaint, "assistant@ps.test", **DECISION)
	assert complaint.decision_agreed_on
	# how to appeal: the company's text from the settings (IN-10)
	assert complaint.appeal_procedure == get_settings().appeal_procedure
	assert "申诉" in complaint.appeal_procedure

	# what the app stamps nobody sets by hand
	forged = edit(complaint, "assistant@ps.test", verified_by="director@ps.test", investigated_on=None)
	assert (forged.verified_by, forged.investigated_on) == (complaint.verified_by, complaint.investigated_on)


def test_a_step_cannot_be_skipped(base):
	complaint = accepted(base)
	with pytest.raises(ComplaintError, match="Verif"):
		edit(complaint, "assistant@ps.test", **INVESTIGATION)
	complaint = edit(complaint, "assistant@ps.test", **VERIFICATION)
	with pytest.raises(ComplaintError, match="investigation"):
		edit(complaint, "assistant@ps.test", **DECISION)


def test_facts_left_unclear_need_an_experts_opinion_or_the_investigations_findings(base):  # IN-8
	complaint = accepted(base)
	complaint = edit(
		complaint,
		"assistant@ps.test",
		facts_verified="Unclear",
		expert_opinion_sought=1,
		expert_name="市质检站 工程师 City inspection engineer",
		handling_result="已维修 Repaired",
	)
	complaint = edit(complaint, "assistant@ps.test", **INVESTIGATION, **DECISION)
	with pytest.raises(ResolutionError, match="expert"):
		resolve(complaint)
	edit(complaint, "assistant@ps.test", expert_opinion="系防水层老化 Worn waterproofing")
	assert resolve(complaint).status == "Resolved"


def test_the_office_forms_an_investigation_team(base):  # IN-9
	complaint = edit(accepted(base), "assistant@ps.test", **VERIFICATION)
	complaint = edit(
		complaint,
		"supervisor@ps.test",
		investigated_by="supervisor@ps.test",
		investigated_by_office=1,
		investigation_team=[
			{"member": "supervisor@ps.test", "part": "组长 Leads"},
			{"member": "head@ps.test", "part": "现场检查 Inspects"},
		],
		**INVESTIGATION,
	)
	assert [(row.member, row.member_name) for row in complaint.investigation_team] == [
		("supervisor@ps.test", "主管 Supervisor"),
		("head@ps.test", "班长 Team Head"),
	]
	# the team's rows are narrowed as their complaints are: the technician lists none
	frappe.set_user("technician@ps.test")
	try:
		rows = frappe.get_list(
			"Complaint Investigator",
			parent_doctype="Complaint Register",
			filters={"parent": complaint.name},
			fields=["member"],
		)
	except frappe.PermissionError:
		rows = []
	finally:
		frappe.set_user("Administrator")
	assert rows == []


def test_other_validities_are_answered_without_the_investigation(base):  # IN-6
	complaint = accepted(base, validity="Not Company Fault")
	complaint = edit(
		complaint,
		"assistant@ps.test",
		handling_result="已书面说明 Explained in writing",
		not_fault_explanation="属市政管网问题 The city's main",
	)
	assert resolve(complaint).status == "Resolved"


def test_the_complainants_written_opinion_follows_the_answer(base):  # IN-10
	complaint = edit(accepted(base), "assistant@ps.test", handling_result="已维修 Repaired")
	with pytest.raises(ComplaintError, match="answer"):
		edit(complaint, "assistant@ps.test", complainant_opinion="满意 Satisfied")
	complaint = edit(complaint, "assistant@ps.test", **VERIFICATION)
	complaint = edit(complaint, "assistant@ps.test", **INVESTIGATION)
	complaint = edit(complaint, "assistant@ps.test", **DECISION)
	complaint = resolve(complaint)
	complaint = edit(
		complaint, "assistant@ps.test", complainant_opinion="已收到答复，认可处理结果 Accepts the result"
	)
	assert complaint.complainant_opinion_on


def test_the_register_entry_prints_the_steps(base):  # IN-10, RE-2
	complaint = edit(accepted(base), "assistant@ps.test", handling_result="已维修 Repaired")
	complaint = edit(complaint, "assistant@ps.test", **VERIFICATION)
	complaint = edit(
		complaint,
		"assistant@ps.test",
		investigated_by_office=1,
		investigation_team=[{"member": "head@ps.test", "part": "现场检查"}],
		**INVESTIGATION,
	)
	complaint = edit(complaint, "assistant@ps.test", **DECISION)
	complaint = resolve(complaint)
	complaint = edit(complaint, "assistant@ps.test", complainant_opinion="认可处理结果 <b>OK</b>")

	printed = frappe.get_print("Complaint Register", complaint.name, "Complaint Register Entry")
	for text in (
		"调查事实",
		"原因分析",
		"处理决策",
		"申诉途径",
		"投诉人书面意见",
		"班长 Team Head",
		"主管 Supervisor",
		frappe.utils.escape_html(INVESTIGATION["cause_analysis"]),
		frappe.utils.escape_html(DECISION["decision"]),
		frappe.utils.escape_html(DECISION["written_answer"]),
		frappe.utils.escape_html(get_settings().appeal_procedure.splitlines()[0]),
	):
		assert text in printed, text
	assert "&lt;b&gt;OK&lt;/b&gt;" in printed and "<b>OK</b>" not in printed
