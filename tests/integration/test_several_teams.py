"""A complaint that needs several teams (HN-5) on a real site: the centre issues each team its notice,
each team confirms it, and the complaint is answered and resolved only when every notice is done."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from property_service.exceptions import HandlingNoticeError, ResolutionError
from tests.integration.factories import (
	act,
	complete_notice,
	edit,
	ensure_base_data,
	ensure_user,
	investigate_and_decide,
	issue_notice,
	make_complaint,
)

CLEANING = "测试协同保洁组 Test Cleaning (HN-5)"


def ensure_cleaning_team():
	"""A second team, with a head of its own."""
	ensure_user("cleaner@ps.test", "保洁班长 Cleaning Head", ["Service Team Member"])
	team = (
		frappe.get_doc("Service Team", CLEANING)
		if frappe.db.exists("Service Team", CLEANING)
		else frappe.new_doc("Service Team")
	)
	team.update({"team_name": CLEANING, "head": "cleaner@ps.test", "members": [{"user": "cleaner@ps.test"}]})
	team.save()
	frappe.db.commit()


@pytest.fixture(scope="module")
def base():
	base = ensure_base_data()
	ensure_cleaning_team()
	return base


def two_teams(base):
	"""A valid complaint, investigated and decided, with a notice to the maintenance team and one to
	the cleaning team."""
	complaint = act(make_complaint(base, service_team=base.team), "Accept", "assistant@ps.test")
	complaint = investigate_and_decide(complaint)
	maintenance = issue_notice(complaint)
	cleaning = issue_notice(frappe.get_doc(complaint.doctype, complaint.name), service_team=CLEANING)
	return frappe.get_doc(complaint.doctype, complaint.name), maintenance, cleaning


def confirm(notice, user):
	frappe.set_user(user)
	try:
		frappe.get_doc("Handling Notice", notice.name).confirm_receipt()
	finally:
		frappe.set_user("Administrator")
	return frappe.get_doc("Handling Notice", notice.name)


def resolve(complaint):
	frappe.set_user("assistant@ps.test")
	try:
		return apply_workflow(frappe.get_doc(complaint.doctype, complaint.name), "Resolve")
	finally:
		frappe.set_user("Administrator")


def test_each_team_confirms_its_own_notice(base):  # HN-5
	complaint, maintenance, cleaning = two_teams(base)
	assert (maintenance.team_head, cleaning.team_head) == ("head@ps.test", "cleaner@ps.test")
	assert not (maintenance.confirmed_on or cleaning.confirmed_on)

	with pytest.raises(frappe.PermissionError):
		confirm(cleaning, "head@ps.test")  # not their team's notice
	maintenance = confirm(maintenance, "member@ps.test")  # a member of the team may
	assert (maintenance.confirmed_by, bool(maintenance.confirmed_on)) == ("member@ps.test", True)
	with pytest.raises(HandlingNoticeError):
		confirm(maintenance, "head@ps.test")  # once
	cleaning = confirm(cleaning, "cleaner@ps.test")
	assert cleaning.confirmed_by == "cleaner@ps.test"

	# confirming is the app's record: nobody types it in
	forged = edit(cleaning, "assistant@ps.test", confirmed_by="assistant@ps.test")
	assert forged.confirmed_by == "cleaner@ps.test"


def test_confirming_saves_the_confirmation_only(base):  # HN-5, over Frappe's run_doc_method
	"""The desk's call sends the whole form (`docs`); a member who may not edit the notice cannot have
	other fields saved with the app's confirmation."""
	from frappe.handler import run_doc_method
	from frappe.utils import set_request

	_complaint, maintenance, _cleaning = two_teams(base)
	sent = frappe.get_doc("Handling Notice", maintenance.name).as_dict()
	sent.update(
		{
			"result": "伪造的结果 Forged result",
			"remedial_measures": "伪造 Forged",
			"team_head": "member@ps.test",
		}
	)
	had_request, previous = hasattr(frappe.local, "request"), getattr(frappe.local, "request", None)
	set_request(method="POST", path="/api/method/run_doc_method")
	frappe.set_user("member@ps.test")
	try:
		run_doc_method("confirm_receipt", docs=frappe.as_json(sent))
	finally:
		frappe.set_user("Administrator")
		if had_request:
			frappe.local.request = previous
		else:
			del frappe.local.request
	stored = frappe.get_doc("Handling Notice", maintenance.name)
	assert stored.confirmed_by == "member@ps.test"
	assert (stored.result, stored.remedial_measures, stored.team_head) == (
		maintenance.result,
		maintenance.remedial_measures,
		maintenance.team_head,
	)


def test_reporting_the_result_confirms_a_notice_nobody_confirmed(base):
	_complaint, maintenance, _cleaning = two_teams(base)
	notice = complete_notice(maintenance)
	assert notice.status == "Signed Off"
	assert notice.confirmed_by == "member@ps.test" and notice.confirmed_on


def test_the_complaint_is_resolved_only_when_every_notice_is_done(base):  # HN-5
	complaint, maintenance, cleaning = two_teams(base)
	edit(complaint, "assistant@ps.test", handling_result="处理中 In hand")

	with pytest.raises(ResolutionError) as refused:
		resolve(complaint)
	assert maintenance.name in str(refused.value) and cleaning.name in str(refused.value)

	complete_notice(maintenance)
	with pytest.raises(ResolutionError) as refused:
		resolve(complaint)
	assert cleaning.name in str(refused.value) and maintenance.name not in str(refused.value)

	confirm(cleaning, "cleaner@ps.test")
	cleaning = edit(
		cleaning,
		"cleaner@ps.test",
		remedial_measures="当日补扫 Swept the same day",
		corrective_measures="每日巡查 Checked daily",
		result="已清扫 Cleaned",
	)
	cleaning = act(cleaning, "Report Result", "cleaner@ps.test")
	with pytest.raises(ResolutionError, match=cleaning.name):
		resolve(complaint)  # reported, not yet signed off by its head
	act(cleaning, "Sign Off", "cleaner@ps.test")

	complaint = resolve(complaint)
	assert complaint.status == "Resolved"
	# both teams' signed results are in the register (HN-4)
	assert maintenance.name in complaint.handling_result and cleaning.name in complaint.handling_result


def test_the_refusal_is_in_the_users_language(base):
	complaint, maintenance, _cleaning = two_teams(base)
	edit(complaint, "assistant@ps.test", handling_result="处理中 In hand")
	frappe.set_user("assistant@ps.test")
	frappe.local.lang = "zh"
	try:
		with pytest.raises(ResolutionError) as refused:
			apply_workflow(frappe.get_doc(complaint.doctype, complaint.name), "Resolve")
	finally:
		frappe.local.lang = "en"
		frappe.set_user("Administrator")
	assert "尚未完成" in str(refused.value) and maintenance.name in str(refused.value)


def test_a_withdrawn_notice_does_not_hold_the_answer(base):
	complaint, maintenance, cleaning = two_teams(base)
	complete_notice(maintenance)
	act(cleaning, "Withdraw", "supervisor@ps.test")
	edit(complaint, "assistant@ps.test", handling_result="已处理 Done")
	assert resolve(complaint).status == "Resolved"


def test_the_notice_form_prints_its_confirmation_and_the_other_teams(base):
	_complaint, maintenance, cleaning = two_teams(base)
	cleaning = confirm(cleaning, "cleaner@ps.test")
	printed = frappe.get_print("Handling Notice", cleaning.name, "Handling Notice Form")
	assert "保洁班长 Cleaning Head" in printed
	assert maintenance.name in printed and "协同部门" in printed
