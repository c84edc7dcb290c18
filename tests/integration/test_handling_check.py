"""RC-5: the company's manager checks a sample of the complaints closed in a period, records a finding for
each, and each finding that calls for one becomes an action followed to done, on a real site."""

import frappe
import pytest
from frappe.utils import add_days, getdate, now_datetime, today

from property_service.deadline_sweep import DAILY, sweep
from property_service.exceptions import HandlingCheckError, RecordKeptError
from tests.integration.factories import (
	act,
	complete_notice,
	ensure_estate,
	issue_notice,
	make_complaint,
	record_visit,
)

SETTINGS = "Property Service Settings"
GM = "gm@ps.test"


@pytest.fixture(scope="module")
def estate():
	return ensure_estate(
		"投诉检查测试小区 Check Estate",
		{"5栋": [("501", "钱一", "13900005501"), ("502", "孙二", "13900005502")]},
	)


def closed_complaint(estate, resident=0):
	base = frappe._dict(residents=estate.residents, category=estate.category)
	complaint = act(make_complaint(base, resident=estate.residents[resident]), "Accept", "assistant@ps.test")
	complete_notice(issue_notice(complaint))
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	complaint = act(complaint, "Start Return Visit", "assistant@ps.test")
	record_visit(complaint, "Satisfied", "满意")
	complaint.reload()
	assert complaint.status == "Closed"
	return complaint


def new_check(estate, user=GM, **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Complaint Handling Check",
				"estate": estate.estate,
				"period_from": today(),
				"period_to": today(),
				"checked_by": user,
				"checked_on": today(),
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def test_the_sample_takes_every_major_complaint_and_the_settings_number_at_random(estate):
	frappe.db.set_single_value(SETTINGS, "handling_check_sample_size", 1)
	closed = [closed_complaint(estate, n % 2) for n in range(3)]
	frappe.db.set_value("Complaint Register", closed[2].name, "classification", "Major")
	check = new_check(estate)
	added = as_user(GM, check.draw_sample)
	check.reload()
	checked = [row.complaint for row in check.findings]
	assert added == 2 and len(checked) == 2
	assert closed[2].name in checked  # the Major one, always
	assert set(checked) <= {c.name for c in closed}
	assert check.sample_seed and check.closed_complaints == 3

	# drawn again with the same seed: the same complaints; a row already judged stays
	check.findings[0].result = "Handled Properly"
	as_user(GM, check.save)
	as_user(GM, check.draw_sample)
	check.reload()
	assert sorted(row.complaint for row in check.findings) == sorted(checked)


def test_only_the_company_manager_creates_and_submits_a_check_the_others_read_it(estate):
	assert frappe.has_permission("Complaint Handling Check", "create", user=GM)
	assert frappe.has_permission("Complaint Handling Check", "submit", user=GM)
	for user in ("supervisor@ps.test", "manager@ps.test", "director@ps.test", "assistant@ps.test"):
		assert not frappe.has_permission("Complaint Handling Check", "create", user=user)
	for user in ("supervisor@ps.test", "manager@ps.test", "director@ps.test"):
		assert frappe.has_permission("Complaint Handling Check", "read", user=user)
	assert not frappe.has_permission("Complaint Handling Check", "read", user="member@ps.test")


def test_a_period_with_no_closed_complaint_has_nothing_to_sample(estate):
	check = new_check(estate, period_from=add_days(today(), -400), period_to=add_days(today(), -399))
	with pytest.raises(HandlingCheckError):
		as_user(GM, check.draw_sample)
	with pytest.raises(HandlingCheckError):
		new_check(estate, period_from=today(), period_to=add_days(today(), -1))


def test_a_finding_becomes_an_action_followed_to_done(estate):  # rules RC-5, RE-1
	frappe.db.set_single_value(SETTINGS, "handling_check_action_days", 7)
	good, poor = closed_complaint(estate), closed_complaint(estate, 1)
	check = new_check(
		estate,
		findings=[
			{"complaint": good.name, "result": "Handled Properly"},
			{"complaint": poor.name, "result": "Shortfall Found", "needs_action": 1},
		],
	)
	assert getdate(check.findings[1].due_on) == getdate(add_days(today(), 7))  # the settings' days
	with pytest.raises(HandlingCheckError):
		as_user(GM, check.submit)  # the shortfall is not written down, nor the measure and who
	check.reload()
	check.findings[1].update(
		{
			"finding": "回访记录未写住户意见 The visit record has no resident's view",
			"measure": "补记回访意见并培训前台 Complete the record; train the front desk",
			"responsible_user": "supervisor@ps.test",
		}
	)
	as_user(GM, check.save)
	as_user(GM, check.submit)
	check.reload()
	row = check.findings[1]
	assert row.action and row.action_status == "Rectifying"
	assert (check.status, check.actions_open) == ("Actions Under Way", 1)
	action = frappe.get_doc("Handling Check Action", row.action)
	assert (action.complaint, action.estate, action.handling_check) == (poor.name, estate.estate, check.name)
	assert frappe.db.exists(
		"ToDo", {"reference_name": action.name, "allocated_to": "supervisor@ps.test", "status": "Open"}
	)
	assert not check.findings[0].action

	with pytest.raises(frappe.ValidationError):
		as_user("supervisor@ps.test", action.complete, "")  # the measures taken first
	action = frappe.get_doc("Handling Check Action", row.action)
	as_user("supervisor@ps.test", action.complete, "已补记并培训 Recorded; the desk trained")
	action.reload()
	assert action.status == "Rectified" and action.completed_on
	assert not frappe.db.exists("Return Visit", {"reference_name": action.name})  # the office's, no visit
	check.reload()
	assert (check.status, check.actions_open, check.findings[1].action_status) == (
		"Completed",
		0,
		"Rectified",
	)

	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Handling Check Action", action.name)
	with pytest.raises(frappe.ValidationError):  # submitted, and kept
		frappe.delete_doc("Complaint Handling Check", check.name)


def test_an_overdue_action_is_watched_by_the_daily_sweep(estate):  # rules RC-5, ES-3
	complaint = closed_complaint(estate)
	check = new_check(
		estate,
		findings=[
			{
				"complaint": complaint.name,
				"result": "Shortfall Found",
				"finding": "答复超时 The answer was late",
				"needs_action": 1,
				"measure": "检讨答复时限 Review reply times",
				"service_team": estate.team,
				"due_on": add_days(today(), 3),
			}
		],
	)
	as_user(GM, check.submit)
	action = check.reload().findings[0].action
	assert frappe.db.exists(
		"ToDo", {"reference_name": action, "allocated_to": "head@ps.test"}
	)  # the team's head
	sweep(DAILY, now=add_days(now_datetime(), 2))
	assert not frappe.db.get_value("Handling Check Action", action, "deadline_breached")
	sweep(DAILY, now=add_days(now_datetime(), 5))
	assert frappe.db.get_value(
		"Handling Check Action", action, ["deadline_breached", "escalation_level"]
	) == (
		1,
		"Supervisor",
	)
	alert = frappe.get_last_doc(
		"Deadline Alert", filters={"reference_doctype": "Handling Check Action", "reference_name": action}
	)
	assert (alert.deadline, alert.notified) == ("Handling Check Action Due", "supervisor@ps.test")
	sweep(DAILY, now=add_days(now_datetime(), 6))  # once only
	assert frappe.db.count("Deadline Alert", {"reference_name": action}) == 1


def test_the_check_prints_with_its_findings(estate):  # rule RE-2
	complaint = closed_complaint(estate)
	check = new_check(
		estate,
		findings=[{"complaint": complaint.name, "result": "Handled Properly", "finding": "及时 In time"}],
		conclusion="总体良好 Well handled",
	)
	html = frappe.get_print(
		"Complaint Handling Check", check.name, print_format="Complaint Handling Check Record"
	)
	assert (
		"投诉处理检查记录" in html and complaint.name in html and "总体良好" in html and "检查人签字" in html
	)
