"""The weekly review of complaint and return-visit records (RC-1) and the half-yearly analysis meeting
with its actions (RC-2, RC-3), on a real site."""

from datetime import datetime, time, timedelta

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, getdate, now_datetime, today

from property_service.controllers.return_visits import schedule_visit
from property_service.deadline_sweep import DAILY, sweep
from property_service.exceptions import CorrectiveActionError, RecordKeptError
from property_service.property_service.doctype.complaint_analysis_meeting.complaint_analysis_meeting import (
	MeetingError,
)
from property_service.property_service.doctype.weekly_complaint_review.weekly_complaint_review import (
	WeeklyReviewError,
	week_of,
)
from tests.integration.factories import (
	CATEGORY,
	TEAM,
	act,
	edit,
	ensure_estate,
	make_complaint,
	record_visit,
)

REFUSED = (WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)
ROUTINE = "测试日常维修 Test Routine Repair"
SETTINGS = "Property Service Settings"


@pytest.fixture(scope="module")
def base():
	# an estate of its own: the review and the meeting count everything of their estate
	return ensure_estate(
		"周审测试小区 Review Estate",
		{
			"A座": [("101", "张伟", "13900000101"), ("102", "刘洋", "13900000102")],
			"B座": [("201", "陈静", "13900000201")],
		},
	)


@pytest.fixture
def monday():
	"""The Monday of the week before last: a week that is over."""
	return week_of(getdate(add_days(today(), -14)))[0]


def at(day, hour=10):
	return datetime.combine(getdate(day), time(hour))


def complaint(base, resident=0, received_on=None, **values):
	return make_complaint(
		base, resident=base.residents[resident], received_on=received_on or now_datetime(), **values
	)


def visit(case, due_on, completed_on=None, satisfied=None):
	"""A return visit of `case` due at `due_on`; completed with the resident's view when given."""
	made = schedule_visit(
		case,
		visit_kind="Complaint",
		due_on=due_on,
		visitor="assistant@ps.test",
		visitor_role="Customer Service Assistant",
	)
	if completed_on:
		# the record as the visitor left it that day, without reopening or closing the case now
		frappe.db.set_value(
			"Return Visit",
			made.name,
			{"status": "Completed", "completed_on": completed_on, "satisfied": satisfied or "Satisfied"},
		)
	return made.name


def new_review(base, week_start, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{"doctype": "Weekly Complaint Review", "estate": base.estate, "week_start": week_start, **values}
		).insert()
	finally:
		frappe.set_user("Administrator")


def signed_review(base, week_start, comment="本周投诉处理及时 Handled on time"):
	review = act(new_review(base, week_start), "Submit to Supervisor", "assistant@ps.test")
	review = edit(review, "supervisor@ps.test", review_comment=comment)
	return act(review, "Sign Off", "supervisor@ps.test")


# RC-1 ------------------------------------------------------------------------------------------


def test_a_review_gathers_the_weeks_complaints_and_visits(base, monday):
	received_in_week = complaint(base, received_on=at(monday + timedelta(days=1)))
	still_open = complaint(base, 1, received_on=at(monday - timedelta(days=10)))
	resolved_in_week = complaint(base, 2, received_on=at(monday - timedelta(days=10)))
	frappe.db.set_value(
		"Complaint Register",
		resolved_in_week.name,
		{
			"status": "Closed",
			"resolved_on": at(monday + timedelta(days=2)),
			"resident_satisfied": "Satisfied",
		},
	)
	closed_before = complaint(base, received_on=at(monday - timedelta(days=10)))
	frappe.db.set_value(
		"Complaint Register",
		closed_before.name,
		{"status": "Closed", "resolved_on": at(monday - timedelta(days=9))},
	)
	received_after = complaint(base, 1, received_on=at(monday + timedelta(days=8)))

	due_in_week = visit(received_in_week, at(monday + timedelta(days=3)))  # never made: late
	done_in_week = visit(
		resolved_in_week,
		at(monday + timedelta(days=2), 18),
		completed_on=at(monday + timedelta(days=2), 16),
		satisfied="Not Satisfied",
	)
	overdue_from_before = visit(still_open, at(monday - timedelta(days=3)))
	visit(closed_before, at(monday - timedelta(days=9), 18), completed_on=at(monday - timedelta(days=9), 15))
	visit(received_after, at(monday + timedelta(days=9)))

	# any day of the week stands for its week
	review = new_review(base, monday + timedelta(days=3))
	assert review.name == f"WCR-{base.estate}-{monday}"
	assert (getdate(review.week_start), getdate(review.week_end)) == (monday, monday + timedelta(days=6))
	assert (review.status, review.docstatus, review.prepared_by) == ("Drafted", 0, "assistant@ps.test")

	rows = {row.complaint: row for row in review.complaints}
	assert set(rows) == {received_in_week.name, still_open.name, resolved_in_week.name}
	assert (rows[received_in_week.name].status, rows[received_in_week.name].service_team) == (
		"Registered",
		TEAM,
	)
	assert rows[resolved_in_week.name].resident_satisfied == "Satisfied"
	assert rows[resolved_in_week.name].resolved_on and not rows[still_open.name].resolved_on
	visits = {row.return_visit: row for row in review.visits}
	assert set(visits) == {due_in_week, done_in_week, overdue_from_before}
	assert (visits[done_in_week].on_time, visits[due_in_week].on_time) == (1, 0)

	figures = {
		field: review.get(field)
		for field in (
			"complaints_received",
			"complaints_resolved",
			"complaints_not_closed",
			"valid_complaints",
			"visits_due",
			"visits_completed",
			"visits_late",
			"residents_not_satisfied",
		)
	}
	assert figures == {
		"complaints_received": 1,
		"complaints_resolved": 1,
		"complaints_not_closed": 2,
		"valid_complaints": 1,
		"visits_due": 2,
		"visits_completed": 1,
		"visits_late": 2,
		"residents_not_satisfied": 1,
	}

	# what happened since is gathered again while the assistant holds the review
	late_entry = complaint(base, received_on=at(monday + timedelta(days=4)))
	frappe.set_user("assistant@ps.test")
	try:
		review = frappe.get_doc(review.doctype, review.name)
		review.gather_records()
	finally:
		frappe.set_user("Administrator")
	review.reload()
	assert late_entry.name in {row.complaint for row in review.complaints}
	assert review.complaints_received == 2


def test_the_assistant_submits_and_the_supervisor_signs_with_a_comment(base, monday):
	review = new_review(base, monday)
	with pytest.raises(REFUSED):
		act(review, "Submit to Supervisor", "supervisor@ps.test")
	review = act(review, "Submit to Supervisor", "assistant@ps.test")
	assert review.status == "Submitted to Supervisor" and review.submitted_on

	with pytest.raises(REFUSED):
		act(review, "Sign Off", "assistant@ps.test")
	with pytest.raises(REFUSED):
		act(review, "Sign Off", "manager@ps.test")
	review = act(review, "Send Back", "supervisor@ps.test")
	assert review.status == "Drafted"
	review = act(review, "Submit to Supervisor", "assistant@ps.test")

	with pytest.raises(WeeklyReviewError, match="review comment"):
		act(review, "Sign Off", "supervisor@ps.test")
	assert frappe.db.get_value(review.doctype, review.name, "docstatus") == 0

	review = edit(review, "supervisor@ps.test", review_comment="两宗投诉回访逾期，下周跟进 Two visits late")
	review = act(review, "Sign Off", "supervisor@ps.test")
	assert (review.status, review.docstatus, review.signed_by) == ("Signed", 1, "supervisor@ps.test")
	assert review.signed_on


def test_only_a_submitted_week_is_signed_and_only_the_supervisor_comments(base, monday):
	review = new_review(base, monday)
	with pytest.raises(WeeklyReviewError, match="supervisor writes"):
		edit(review, "assistant@ps.test", review_comment="自己写的意见 The assistant's own comment")
	review = edit(review, "supervisor@ps.test", review_comment="直接签 Straight to signing")
	frappe.set_user("supervisor@ps.test")
	try:
		with pytest.raises(WeeklyReviewError, match="submits the week"):
			frappe.get_doc(review.doctype, review.name).submit()
	finally:
		frappe.set_user("Administrator")


def test_a_signed_week_is_locked_and_kept(base, monday):
	review = signed_review(base, monday)
	for user in ("supervisor@ps.test", "assistant@ps.test", "Administrator"):
		with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
			edit(review, user, review_comment="改一下 changed afterwards")
	with pytest.raises(frappe.ValidationError):
		edit(review, "Administrator", assistant_notes="补充 added afterwards")
	with pytest.raises(WeeklyReviewError):
		frappe.get_doc(review.doctype, review.name).cancel()
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(review.doctype, review.name).gather_records()
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc(review.doctype, review.name)
	stored = frappe.get_doc(review.doctype, review.name)
	assert (stored.docstatus, stored.review_comment) == (1, "本周投诉处理及时 Handled on time")

	drafted = new_review(base, monday - timedelta(days=7))
	with pytest.raises(RecordKeptError):
		frappe.delete_doc(drafted.doctype, drafted.name)


def test_one_review_per_estate_and_week(base, monday):
	new_review(base, monday)
	with pytest.raises(WeeklyReviewError, match="already under review"):
		new_review(base, monday + timedelta(days=6), user="assistant2@ps.test")
	with pytest.raises(WeeklyReviewError, match="not begun"):
		new_review(base, add_days(today(), 7))
	new_review(base, monday + timedelta(days=7))  # the next week is another review


def test_the_signed_week_prints_as_one_document_in_chinese(base, monday):
	entry = complaint(base, received_on=at(monday + timedelta(days=1)))
	review = signed_review(base, monday, comment="请工程部本周内完成 <b>维修</b>")
	printed = frappe.get_print(review.doctype, review.name, print_format="Weekly Complaint Review")
	assert "投诉及回访记录周审表" in printed and "主管审核意见" in printed and "客服主管签字" in printed
	assert entry.name in printed and "楼上漏水" in printed
	assert "主管 Supervisor" in printed  # who signed
	assert "请工程部本周内完成 &lt;b&gt;维修&lt;/b&gt;" in printed  # the comment, shown as written


# RC-2, RC-3 ------------------------------------------------------------------------------------


@pytest.fixture
def half_year():
	"""The first half of last year: over, and with nothing of other tests in it."""
	year = getdate(today()).year - 1
	return year, lambda month, day: datetime(year, month, day, 9)


def new_meeting(base, year, user="supervisor@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Complaint Analysis Meeting",
				"estate": base.estate,
				"period": "First Half",
				"analysis_year": year,
				"meeting_date": f"{year}-07-10",
				"chaired_by": "director@ps.test",
				"attendees": [{"user": "director@ps.test"}, {"user": "supervisor@ps.test"}],
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def set_threshold(value: int):
	frappe.db.set_single_value(SETTINGS, "recurring_threshold", value)
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def test_the_meeting_starts_from_the_recurring_problems_and_unsatisfied_visits(base, half_year):
	year, on = half_year
	a101, b201 = 0, 2
	leaks_at_a101 = [complaint(base, a101, received_on=on(month, 5)) for month in (1, 3, 5)]
	for month in (2, 4):
		complaint(base, b201, received_on=on(month, 8))  # the same category, twice elsewhere
		complaint(base, a101, received_on=on(month, 9), category=ROUTINE)  # twice, another category
	complaint(base, a101, received_on=on(8, 1))  # after the period
	unhappy = visit(leaks_at_a101[0], on(1, 6), completed_on=on(1, 6), satisfied="Not Satisfied")
	frappe.db.set_value("Return Visit", unhappy, "opinions", "还在漏 Still leaking")
	visit(leaks_at_a101[1], on(3, 6), completed_on=on(3, 6), satisfied="Satisfied")

	meeting = new_meeting(base, year)
	assert (str(meeting.period_start), str(meeting.period_end)) == (f"{year}-01-01", f"{year}-06-30")
	assert meeting.recurring_threshold == 3
	# three at one unit: one problem, not repeated for its building or its resident
	assert [
		(row.recurs_at, row.category, row.property_unit, row.building, row.resident, row.complaints)
		for row in meeting.problems
	] == [("Same Unit", CATEGORY, base.units[a101], base.buildings[0], base.residents[a101], 3)]
	assert [(row.return_visit, row.opinions) for row in meeting.nonconformities] == [
		(unhappy, "还在漏 Still leaking")
	]

	# the threshold is the company's setting
	set_threshold(2)
	try:
		frappe.set_user("supervisor@ps.test")
		meeting = frappe.get_doc(meeting.doctype, meeting.name)
		meeting.problems[0].cause = "立管老化 Old riser"
		meeting.gather_problems()
	finally:
		frappe.set_user("Administrator")
		set_threshold(3)
	found = {(row.category, row.property_unit): row for row in meeting.problems}
	assert {key: row.complaints for key, row in found.items()} == {
		(CATEGORY, base.units[a101]): 3,
		(CATEGORY, base.units[b201]): 2,
		(ROUTINE, base.units[a101]): 2,
	}
	assert found[(CATEGORY, base.units[a101])].cause == "立管老化 Old riser"
	assert meeting.recurring_threshold == 2


def test_decisions_become_actions_tracked_to_done_and_visited(base, half_year):
	year, _on = half_year
	due = add_days(today(), 20)
	with pytest.raises(MeetingError, match="responsible"):
		new_meeting(base, year, decisions=[{"problem": "没人负责 Nobody", "measure": "?", "due_on": due}])
	meeting = new_meeting(
		base,
		year,
		decisions=[
			{
				"problem": "101 卫生间反复漏水 Bathroom leaks again and again",
				"category": CATEGORY,
				"resident": base.residents[0],
				"measure": "更换立管 Replace the riser",
				"service_team": TEAM,
				"due_on": due,
			},
			{
				"problem": "雨季前检查全部立管 Risers before the rainy season",
				"measure_kind": "Preventive",
				"measure": "每季度巡检 Inspect quarterly",
				"responsible_user": "manager@ps.test",
				"due_on": due,
			},
		],
	)
	frappe.set_user("supervisor@ps.test")
	try:
		meeting = frappe.get_doc(meeting.doctype, meeting.name)
		made = meeting.make_actions()
		assert meeting.make_actions() == [], "each decision is one action"
	finally:
		frappe.set_user("Administrator")
	household, preventive = (frappe.get_doc("Meeting Action", name) for name in made)
	assert [row.meeting_action for row in meeting.decisions] == made
	assert (household.estate, household.property_unit, household.status) == (
		base.estate,
		base.units[0],
		"Rectifying",
	)
	assert preventive.measure_kind == "Preventive"
	for action, person in ((household, "head@ps.test"), (preventive, "manager@ps.test")):
		assert frappe.db.exists(
			"ToDo", {"reference_name": action.name, "allocated_to": person, "status": "Open"}
		)

	# what was decided stays as decided: the action is what changes
	meeting.reload()
	meeting.decisions[0].due_on = add_days(due, 30)
	with pytest.raises(MeetingError, match="already action"):
		meeting.save()

	frappe.set_user("head@ps.test")
	try:
		with pytest.raises(CorrectiveActionError, match="measures"):
			frappe.get_doc(household.doctype, household.name).complete()
		frappe.get_doc(household.doctype, household.name).complete("已更换立管 Riser replaced")
	finally:
		frappe.set_user("Administrator")
	household.reload()
	assert household.status == "Rectified" and household.completed_on
	assert not frappe.db.exists("ToDo", {"reference_name": household.name, "status": "Open"})
	visit_name = frappe.db.get_value(
		"Return Visit", {"reference_doctype": "Meeting Action", "reference_name": household.name}
	)
	return_visit = frappe.get_doc("Return Visit", visit_name)
	assert (return_visit.property_unit, return_visit.visitor, return_visit.status) == (
		base.units[0],
		"centre@ps.test",
		"To Visit",
	)

	# not satisfied on the visit: the action is open again, with whoever is responsible
	record_visit(household, "Not Satisfied", "又漏了 Leaking again")
	household.reload()
	assert (household.status, household.reopen_count, household.resident_satisfied) == (
		"Rectifying",
		1,
		"Not Satisfied",
	)
	assert frappe.db.exists(
		"ToDo", {"reference_name": household.name, "allocated_to": "head@ps.test", "status": "Open"}
	)

	edit(preventive, "manager@ps.test", measures_taken="已制定巡检表 Inspection rota set")
	frappe.set_user("manager@ps.test")
	try:
		frappe.get_doc(preventive.doctype, preventive.name).complete()
	finally:
		frappe.set_user("Administrator")
	assert frappe.db.get_value("Meeting Action", preventive.name, "status") == "Rectified"
	assert not frappe.db.exists("Return Visit", {"reference_name": preventive.name})  # no household


def test_a_late_meeting_action_goes_to_the_supervisor(base, half_year):
	year, _on = half_year
	meeting = new_meeting(
		base,
		year,
		decisions=[
			{
				"problem": "电梯频繁故障 Lift keeps failing",
				"measure": "更换主板 Replace the board",
				"service_team": TEAM,
				"due_on": add_days(today(), 2),
			}
		],
	)
	(name,) = meeting.make_actions()
	sweep(DAILY, now=add_days(now_datetime(), 1))  # not due yet
	assert not frappe.db.get_value("Meeting Action", name, "deadline_breached")

	sweep(DAILY, now=add_days(now_datetime(), 3))
	action = frappe.get_doc("Meeting Action", name)
	assert (action.deadline_breached, action.escalation_level) == (1, "Supervisor")
	alert = frappe.get_last_doc(
		"Deadline Alert", filters={"reference_doctype": "Meeting Action", "reference_name": name}
	)
	assert (alert.deadline, alert.notified) == ("Meeting Action Due", "supervisor@ps.test")
	assert frappe.db.exists("ToDo", {"reference_name": name, "allocated_to": "supervisor@ps.test"})

	sweep(DAILY, now=add_days(now_datetime(), 4))  # once only
	assert frappe.db.count("Deadline Alert", {"reference_name": name}) == 1


def test_the_meeting_prints_as_its_minutes_in_chinese(base, half_year):
	year, on = half_year
	for month in (1, 3, 5):
		complaint(base, 0, received_on=on(month, 12))
	meeting = new_meeting(
		base,
		year,
		minutes="<p>分析了上半年的重复投诉 Recurring complaints discussed</p>",
		decisions=[
			{
				"problem": "101 反复漏水 <script>alert(1)</script>",
				"measure_kind": "Preventive",
				"measure": "每季度巡检 Inspect quarterly",
				"service_team": TEAM,
				"due_on": add_days(today(), 20),
			}
		],
	)
	frappe.set_user("supervisor@ps.test")
	try:
		(action,) = frappe.get_doc(meeting.doctype, meeting.name).make_actions()
	finally:
		frappe.set_user("Administrator")
	printed = frappe.get_print(
		meeting.doctype, meeting.name, print_format="Complaint Analysis Meeting Minutes"
	)
	assert "投诉分析会会议纪要" in printed and "上半年" in printed and "会议决定及整改落实" in printed
	assert "同一房屋" in printed and CATEGORY in printed  # the recurring problem, in Chinese
	assert "分析了上半年的重复投诉" in printed and "每季度巡检" in printed and "预防措施" in printed
	assert action in printed and "整改中" in printed  # where the action stands
	assert "<script>alert(1)</script>" not in printed
