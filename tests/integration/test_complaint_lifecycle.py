from datetime import timedelta

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import get_datetime, now_datetime

from property_service.exceptions import EscalationError, HandlingNoticeError, RecordKeptError, ResolutionError
from tests.integration.factories import (
	act,
	complete_notice,
	edit,
	ensure_base_data,
	issue_notice,
	make_complaint,
	record_visit,
)


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


def open_todos(complaint, user):
	return frappe.get_all(
		"ToDo",
		filters={
			"reference_type": "Complaint Register",
			"reference_name": complaint.name,
			"allocated_to": user,
			"status": "Open",
		},
		pluck="name",
	)


def channels():
	return frappe.get_meta("Complaint Register").get_field("channel").options.split("\n")


@pytest.mark.parametrize(
	"channel",
	[
		"Letter",
		"Telephone",
		"Fax",
		"Walk-in",
		"Email",
		"Web Portal",
		"Suggestion Box",
		"Return Visit",
		"Other",
	],
)
def test_whole_lifecycle_from_every_channel(base, channel):  # IN-1, HN-1..4, RV-1
	assert channel in channels()
	frappe.set_user("assistant@ps.test")
	complaint = make_complaint(base, channel=channel, source_document_no=f"{channel}-0001")
	frappe.set_user("Administrator")
	assert complaint.status == "Registered"
	assert complaint.registered_by == "assistant@ps.test"
	assert complaint.name.startswith(f"CMP-{get_datetime(complaint.received_on).year}-")
	assert complaint.estate == base.estate and complaint.complainant_name == "李明"

	complaint = act(complaint, "Accept", "assistant@ps.test")
	assert complaint.status == "Accepted" and complaint.accepted_on

	notice = issue_notice(complaint)
	assert notice.name == f"{complaint.name}-1"
	assert notice.service_team == base.team and notice.team_head == "head@ps.test"
	assert frappe.db.get_value("Complaint Register", complaint.name, "status") == "In Handling"

	notice = complete_notice(notice)
	assert notice.status == "Signed Off" and notice.signed_off_by == "head@ps.test"
	complaint.reload()
	assert notice.name in complaint.handling_result and "Pipe replaced" in complaint.handling_result

	complaint = act(complaint, "Resolve", "assistant@ps.test")
	assert complaint.status == "Resolved"
	assert complaint.resolved_by == "assistant@ps.test" and complaint.resolved_level == "Assistant"

	complaint = act(complaint, "Start Return Visit", "assistant@ps.test")
	# the resident's view is recorded on the visit (RV-7): typed into the complaint, it is not taken
	assert not edit(complaint, "assistant@ps.test", resident_satisfied="Satisfied").resident_satisfied
	with pytest.raises(ResolutionError):  # nor from code that may write every field
		edit(complaint, "Administrator", resident_satisfied="Satisfied")
	record_visit(complaint, "Satisfied", "满意")
	complaint.reload()
	assert complaint.status == "Closed" and complaint.visit_notes == "满意"
	assert not frappe.get_all("ToDo", filters={"reference_name": complaint.name, "status": "Open"}), (
		"nothing left to do"
	)


def test_reopen_starts_a_second_round_numbered_dash_two(base):  # HN-1, RV-7
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complete_notice(issue_notice(complaint))
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	complaint = act(complaint, "Start Return Visit", "assistant@ps.test")

	with pytest.raises(WorkflowTransitionError):  # closing needs a satisfied resident
		act(complaint, "Close", "assistant@ps.test")
	record_visit(complaint, "Not Satisfied", "还在漏")
	complaint.reload()
	assert complaint.status == "Reopened" and complaint.reopen_count == 1

	second = issue_notice(complaint)
	assert second.name == f"{complaint.name}-2"
	assert second.notice_no == 2 and second.handling_round == 2
	complaint.reload()
	assert complaint.status == "In Handling"
	assert not complaint.resident_satisfied, "the next visit asks the resident afresh"


def test_a_second_team_in_the_same_round_gets_the_next_number(base):  # HN-5
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	first, second = issue_notice(complaint), issue_notice(complaint)
	assert (first.name, second.name) == (f"{complaint.name}-1", f"{complaint.name}-2")
	assert first.handling_round == second.handling_round == 1


def test_numbering_follows_the_year_received_without_gaps(base):  # IN-1
	last_year = frappe.utils.add_years(frappe.utils.now_datetime(), -1)
	old = make_complaint(base, received_on=last_year)
	assert old.name.startswith(f"CMP-{last_year.year}-")
	first, second = make_complaint(base), make_complaint(base)
	assert int(second.name.rsplit("-", 1)[1]) == int(first.name.rsplit("-", 1)[1]) + 1


def test_deadlines_come_from_the_settings(base):  # IN-4, HN-3
	complaint = make_complaint(base)
	received = get_datetime(complaint.received_on)
	assert get_datetime(complaint.acceptance_due) - received == timedelta(hours=24)
	assert get_datetime(complaint.reply_due) - received == timedelta(days=3)

	settings = frappe.get_single("Property Service Settings")
	settings.acceptance_hours, settings.reply_days = 12, 2
	settings.save()
	complaint = make_complaint(base)
	received = get_datetime(complaint.received_on)
	assert get_datetime(complaint.acceptance_due) - received == timedelta(hours=12)
	assert get_datetime(complaint.reply_due) - received == timedelta(days=2)


def test_escalation_climbs_the_ladder_with_assignment_and_record(base):  # ES-1
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	with pytest.raises(EscalationError):  # a reason is required
		act(complaint, "Escalate to Supervisor", "assistant@ps.test")

	edit(complaint, "assistant@ps.test", escalation_reason="住户要求赔偿，前台无法决定")
	complaint = act(complaint, "Escalate to Supervisor", "assistant@ps.test")
	assert complaint.status == "Escalated to Supervisor" and complaint.escalation_level == "Supervisor"
	assert open_todos(complaint, "supervisor@ps.test")

	edit(complaint, "supervisor@ps.test", escalation_reason="需要经理批准赔偿")
	complaint = act(complaint, "Escalate to Manager", "supervisor@ps.test")
	assert complaint.escalation_level == "Manager" and open_todos(complaint, "manager@ps.test")

	edit(complaint, "manager@ps.test", escalation_reason="涉及开发商，需主任决定")
	complaint = act(complaint, "Escalate to Director", "manager@ps.test")
	assert complaint.escalation_level == "Director" and open_todos(complaint, "director@ps.test")

	rows = [(r.from_level, r.to_level, r.escalated_by, r.assigned_to) for r in complaint.escalations]
	assert rows == [
		("Assistant", "Supervisor", "assistant@ps.test", "supervisor@ps.test"),
		("Supervisor", "Manager", "supervisor@ps.test", "manager@ps.test"),
		("Manager", "Director", "manager@ps.test", "director@ps.test"),
	]
	assert all(r.reason and r.escalated_on for r in complaint.escalations)
	assert not complaint.escalation_reason

	with pytest.raises(WorkflowTransitionError):  # the assistant cannot resolve the director's case
		act(complaint, "Take Over", "assistant@ps.test")
	complaint = act(complaint, "Take Over", "director@ps.test")
	complaint = edit(complaint, "director@ps.test", handling_result="主任决定：公司承担维修费用")
	complaint = act(complaint, "Resolve", "director@ps.test")
	assert complaint.resolved_level == "Director" and complaint.resolved_by == "director@ps.test"


def test_major_complaint_goes_straight_to_the_manager(base):  # ES-2
	frappe.set_user("assistant@ps.test")
	complaint = make_complaint(base, classification="Major")
	frappe.set_user("Administrator")
	assert complaint.escalation_level == "Manager"
	assert open_todos(complaint, "manager@ps.test")
	assert [(r.from_level, r.to_level) for r in complaint.escalations] == [("Assistant", "Manager")]

	# a complaint found major later also goes to the manager
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complaint = edit(complaint, "assistant@ps.test", classification="Major")
	assert complaint.escalation_level == "Manager" and open_todos(complaint, "manager@ps.test")


def test_escalation_needs_the_estate_to_name_its_deciders(base):
	frappe.db.set_value("Estate", base.estate, "service_supervisor", None)
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", escalation_reason="需要主管")
	with pytest.raises(EscalationError):
		act(complaint, "Escalate to Supervisor", "assistant@ps.test")
	assert frappe.db.get_value("Complaint Register", complaint.name, "status") == "Accepted"


def test_resolution_needs_what_the_validity_requires(base):  # IN-6
	complaint = act(make_complaint(base, validity="Not Company Fault"), "Accept", "assistant@ps.test")
	with pytest.raises(ResolutionError):
		act(complaint, "Resolve", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", handling_result="已书面答复")
	with pytest.raises(ResolutionError):
		act(complaint, "Resolve", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", not_fault_explanation="属市政供水管网问题，非物业责任")
	assert act(complaint, "Resolve", "assistant@ps.test").status == "Resolved"

	referral = act(make_complaint(base, validity="Referral"), "Accept", "assistant@ps.test")
	edit(referral, "assistant@ps.test", handling_result="已告知住户环保局电话")
	with pytest.raises(ResolutionError):
		act(referral, "Resolve", "assistant@ps.test")
	edit(
		referral,
		"assistant@ps.test",
		referral_body="区环保局",
		referral_body_phone="12369",
		referral_lodged_by_office=1,
	)
	assert act(referral, "Resolve", "assistant@ps.test").status == "Resolved"


def test_suggestion_goes_to_the_director_who_alone_decides(base):  # IN-6
	frappe.set_user("assistant@ps.test")
	suggestion = make_complaint(base, validity="Suggestion", summary="建议增设快递柜")
	frappe.set_user("Administrator")
	assert open_todos(suggestion, "director@ps.test")
	suggestion = act(suggestion, "Accept", "assistant@ps.test")
	with pytest.raises(frappe.PermissionError):
		edit(suggestion, "assistant@ps.test", suggestion_decision="Adopted")
	suggestion = edit(
		suggestion, "director@ps.test", suggestion_decision="Adopted", rectification_plan="三月底前安装"
	)
	assert suggestion.suggestion_decided_by == "director@ps.test"


def test_notice_rules(base):  # HN-1, HN-2, HN-4
	complaint = make_complaint(base)
	with pytest.raises(frappe.ValidationError):  # not accepted yet
		issue_notice(complaint)
	complaint = act(complaint, "Accept", "assistant@ps.test")
	with pytest.raises(HandlingNoticeError):  # due before issue
		issue_notice(complaint, due_on=frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=-1))
	notice = issue_notice(complaint)
	with pytest.raises(HandlingNoticeError):  # both measures and the result are needed
		act(notice, "Report Result", "member@ps.test")
	notice = edit(notice, "member@ps.test", remedial_measures="a", corrective_measures="b", result="c")
	notice = act(notice, "Report Result", "member@ps.test")
	with pytest.raises(WorkflowTransitionError):  # only the team head signs
		act(notice, "Sign Off", "member@ps.test")
	notice = act(notice, "Sign Off", "head@ps.test")
	with pytest.raises(HandlingNoticeError):  # a signed notice is kept as it is
		edit(notice, "Administrator", result="changed afterwards")


@pytest.mark.parametrize("doctype", ["Complaint Register", "Handling Notice"])
def test_nobody_deletes_kept_records(base, doctype):  # RE-1
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	name = complaint.name if doctype == "Complaint Register" else issue_notice(complaint).name
	with pytest.raises(RecordKeptError):
		frappe.delete_doc(doctype, name)
	for user in ("assistant@ps.test", "supervisor@ps.test", "manager@ps.test", "director@ps.test"):
		frappe.set_user(user)
		assert not frappe.has_permission(doctype, "delete", name)
		with pytest.raises(frappe.PermissionError):
			frappe.delete_doc(doctype, name)
	frappe.set_user("Administrator")
	assert frappe.db.exists(doctype, name)


def test_every_change_is_tracked(base):  # RE-1
	complaint = make_complaint(base)
	frappe.set_user("assistant@ps.test")
	complaint.summary = "楼上漏水，已影响电路"
	complaint.save(
		ignore_version=False
	)  # Frappe skips versions in tests unless asked, as production saves do
	frappe.set_user("Administrator")
	versions = frappe.get_all(
		"Version",
		filters={"ref_doctype": "Complaint Register", "docname": complaint.name},
		fields=["owner", "data"],
	)
	changes = [(v.owner, change) for v in versions for change in frappe.parse_json(v.data).get("changed", [])]
	assert (
		"assistant@ps.test",
		["summary", "楼上漏水 Leak from the flat above", "楼上漏水，已影响电路"],
	) in changes


def test_service_team_member_reads_but_does_not_change_complaints(base):
	complaint = make_complaint(base)
	frappe.set_user("member@ps.test")
	assert frappe.has_permission("Complaint Register", "read", complaint.name)
	assert not frappe.has_permission("Complaint Register", "write", complaint.name)
	assert not frappe.has_permission("Complaint Register", "create")


def test_print_formats_render_in_chinese_and_english(base):  # RE-2
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint)
	entry = frappe.get_print("Complaint Register", complaint.name, "Complaint Register Entry")
	assert "投诉登记表" in entry and complaint.name in entry and "李明" in entry
	form = frappe.get_print("Handling Notice", notice.name, "Handling Notice Form")
	assert "投诉处理通知单" in form and notice.name in form and complaint.name in form


def test_missing_contact_phone_is_refused_and_nothing_saved(base):  # IN-3
	count = frappe.db.count("Complaint Register")
	with pytest.raises(frappe.ValidationError):
		make_complaint(base, resident=None, complainant_name="路人", contact_phone=None, estate=base.estate)
	assert frappe.db.count("Complaint Register") == count


def test_a_service_team_sees_only_the_cases_handed_to_it(base):  # HN-2
	other_team = frappe.get_doc(
		{"doctype": "Service Team", "team_name": "其他班组 Other Team", "head": "director@ps.test"}
	).insert()
	ours = act(make_complaint(base), "Accept", "assistant@ps.test")
	theirs = act(make_complaint(base, service_team=other_team.name), "Accept", "assistant@ps.test")
	our_notice = issue_notice(ours)
	their_notice = issue_notice(theirs, service_team=other_team.name)
	# a complaint registered for another team but handed to ours is ours to see too
	shared = act(make_complaint(base, service_team=other_team.name), "Accept", "assistant@ps.test")
	issue_notice(shared, service_team=base.team)

	for user in ("member@ps.test", "head@ps.test"):
		frappe.set_user(user)
		visible = set(frappe.get_list("Complaint Register", pluck="name"))
		assert {ours.name, shared.name} <= visible and theirs.name not in visible
		assert frappe.has_permission("Complaint Register", "read", ours.name)
		assert not frappe.has_permission("Complaint Register", "read", theirs.name)
		notices = set(frappe.get_list("Handling Notice", pluck="name"))
		assert our_notice.name in notices and their_notice.name not in notices
		assert not frappe.has_permission("Handling Notice", "write", their_notice.name)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Handling Notice", their_notice.name).check_permission("read")
	frappe.set_user("assistant@ps.test")
	assert theirs.name in set(frappe.get_list("Complaint Register", pluck="name"))


def test_cross_team_matters_go_straight_to_the_manager(base):  # ES-2
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", escalation_reason="需要工程部和保洁部协调")
	complaint = act(complaint, "Escalate to Manager", "assistant@ps.test")
	assert complaint.status == "Escalated to Manager" and complaint.escalation_level == "Manager"
	assert [(r.from_level, r.to_level) for r in complaint.escalations] == [("Assistant", "Manager")]
	assert open_todos(complaint, "manager@ps.test")


def test_the_team_cannot_move_its_own_due_time_or_team(base):  # HN-2
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint, instructions="今天下班前完成")
	due_on = get_datetime(notice.due_on)
	notice = edit(
		notice,
		"member@ps.test",
		due_on=due_on + timedelta(days=7),
		instructions="不急",
		remedial_measures="已关阀",
	)
	assert get_datetime(notice.due_on) == due_on and notice.instructions == "今天下班前完成"
	assert notice.remedial_measures == "已关阀"
	notice = edit(notice, "supervisor@ps.test", due_on=due_on + timedelta(days=1))
	assert get_datetime(notice.due_on) == due_on + timedelta(days=1)


def test_deadlines_in_the_estate_working_time(base):  # IN-4, HN-3 with a service calendar
	calendar = frappe.get_doc(
		{
			"doctype": "Service Calendar",
			"calendar_name": "测试日历 Office Hours",
			"use_china_holidays": 1,
			"hours": [
				{"weekday": day, "opens": "09:00:00", "closes": "18:00:00"}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
			],
			"days_off": [{"day_off": "2026-03-11", "reason": "小区停电检修"}],
		}
	).insert()
	frappe.db.set_value(
		"Estate", base.estate, {"deadline_time": "Working Time", "service_calendar": calendar.name}
	)
	frappe.clear_document_cache("Estate", base.estate)
	friday_evening = make_complaint(base, received_on="2026-03-06 17:00:00")
	assert get_datetime(friday_evening.acceptance_due) == get_datetime("2026-03-12 14:00:00")  # Wednesday off
	assert get_datetime(friday_evening.reply_due) == get_datetime("2026-03-12 17:00:00")
	before_the_festival = make_complaint(base, received_on="2026-02-13 17:00:00")  # Spring Festival 2026
	assert get_datetime(before_the_festival.reply_due) == get_datetime(
		"2026-02-25 17:00:00"
	)  # the 14th is worked (调休)

	with pytest.raises(frappe.ValidationError):  # opening after closing
		frappe.get_doc(
			{
				"doctype": "Service Calendar",
				"calendar_name": "错误日历",
				"hours": [{"weekday": "Monday", "opens": "18:00:00", "closes": "09:00:00"}],
			}
		).insert()


def test_pausing_the_clock_moves_the_deadlines_not_met(base):  # issue 4: pause while waiting on the resident
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	acceptance_due, reply_due = get_datetime(complaint.acceptance_due), get_datetime(complaint.reply_due)
	frappe.set_user("assistant@ps.test")
	complaint = frappe.get_doc("Complaint Register", complaint.name)
	with pytest.raises(frappe.ValidationError):
		complaint.pause("  ")
	# longer than the database keeps: a clear error, not a server error, and nothing paused
	with pytest.raises(frappe.ValidationError, match="too long"):
		frappe.get_doc("Complaint Register", complaint.name).pause("长" * 30_000)
	assert not frappe.db.get_value("Complaint Register", complaint.name, "paused_since")
	complaint.pause("住户出差，无法入户查看")
	complaint.reload()
	assert complaint.paused_since and complaint.pauses[-1].reason == "住户出差，无法入户查看"
	with pytest.raises(frappe.ValidationError):
		complaint.pause("again")
	# the resident was away for three hours
	three_hours_ago = frappe.utils.add_to_date(now_datetime(), hours=-3)
	frappe.db.set_value("Case Pause", complaint.pauses[-1].name, "paused_on", three_hours_ago)
	complaint.reload()
	complaint.resume()
	complaint.reload()
	frappe.set_user("Administrator")
	assert not complaint.paused_since and complaint.pauses[-1].resumed_on
	moved = get_datetime(complaint.reply_due) - reply_due
	assert timedelta(hours=3) <= moved < timedelta(hours=3, minutes=1)
	assert get_datetime(complaint.acceptance_due) == acceptance_due, "accepted already: that deadline was met"

	frappe.set_user("member@ps.test")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Complaint Register", complaint.name).pause("not theirs to pause")


def test_the_team_head_gets_the_notice_records_the_measures_and_signs(base):  # HN-2, HN-4
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint)
	(todo,) = frappe.get_all(
		"ToDo",
		filters={"reference_type": "Handling Notice", "reference_name": notice.name, "status": "Open"},
		fields=["allocated_to", "description"],
	)
	assert todo.allocated_to == "head@ps.test" and notice.name in todo.description
	# the desk lets the team edit an issued notice (the workflow's edit roles for the state)
	workflow = frappe.get_doc("Workflow", {"document_type": "Handling Notice"})
	assert "Service Team Member" in {s.allow_edit for s in workflow.states if s.state == "Issued"}

	notice = edit(
		notice,
		"head@ps.test",
		remedial_measures="关闭阀门 Valve closed",
		corrective_measures="每季度巡检 Quarterly checks",
		result="已修复 Fixed",
	)
	notice = act(notice, "Report Result", "head@ps.test")
	notice = act(notice, "Sign Off", "head@ps.test")
	assert notice.status == "Signed Off"
	assert not frappe.get_all("ToDo", filters={"reference_name": notice.name, "status": "Open"}), (
		"the team's to-do is done"
	)
	result = frappe.db.get_value("Complaint Register", complaint.name, "handling_result")
	assert "班长 Team Head" in result and "head@ps.test" not in result, "people are named, not e-mailed"


def test_staff_are_shown_by_name_in_the_desk(base):  # names, not e-mail addresses
	from frappe.desk.form.load import get_title_values_for_link_and_dynamic_link_fields
	from frappe.desk.search import get_link_title

	assert frappe.get_meta("User").show_title_field_in_link, "put in place on migrate"
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint)
	titles = get_title_values_for_link_and_dynamic_link_fields(notice)
	assert titles["User::head@ps.test"] == "班长 Team Head"  # what the form shows for the team head
	assert titles["User::assistant@ps.test"] == "前台 Assistant"  # and for the issuer
	frappe.set_user("assistant@ps.test")
	assert get_link_title("User", "head@ps.test") == "班长 Team Head"
