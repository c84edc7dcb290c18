"""The written final answer (IN-11) on a real site: due 15 days after acceptance, an urgent complaint's 3
working days after (both settings), sent on resolving or before it, watched by the hourly sweep and
escalated like the other deadlines; a patch fills the deadline in on sites from before."""

from datetime import timedelta

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime, now_datetime

from property_service.deadline_sweep import BREACH, FINAL_ANSWER_DUE, HOURLY, REMINDER, sweep
from property_service.exceptions import ComplaintError, ResolutionError
from property_service.patches import complaint_final_answer_due
from property_service.rules import deadlines
from tests.integration.factories import (
	act,
	complete_notice,
	edit,
	ensure_base_data,
	investigate_and_decide,
	issue_notice,
	make_complaint,
)


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


@pytest.fixture
def settings():
	"""The settings, put back after the test (the rollback does not cover a cached single)."""
	doc = frappe.get_single("Property Service Settings")
	before = (doc.final_answer_days, doc.urgent_final_answer_working_days)
	yield doc
	frappe.db.set_single_value(
		"Property Service Settings",
		{"final_answer_days": before[0], "urgent_final_answer_working_days": before[1]},
	)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")


def accepted(base, **values):
	return act(make_complaint(base, service_team=base.team, **values), "Accept", "assistant@ps.test")


def stored(complaint):
	return frappe.get_doc(complaint.doctype, complaint.name)


def test_due_fifteen_days_after_acceptance(base):  # IN-11
	complaint = accepted(base)
	accepted_on = get_datetime(complaint.accepted_on)
	assert get_datetime(complaint.final_answer_due) == accepted_on + timedelta(days=15)
	assert not make_complaint(base).final_answer_due, "not accepted yet: no final answer due"


def test_an_urgent_complaint_is_answered_within_three_working_days(base):  # IN-11
	complaint = accepted(base, is_urgent=1)
	accepted_on = get_datetime(complaint.accepted_on)
	expected = deadlines.final_answer_due(accepted_on, True, 15, 3)
	assert get_datetime(complaint.final_answer_due) == expected
	assert timedelta(days=3) <= expected - accepted_on <= timedelta(days=12)

	# marked urgent after acceptance: the deadline moves to the urgent one
	later = edit(accepted(base), "assistant@ps.test", is_urgent=1)
	assert get_datetime(later.final_answer_due) == deadlines.final_answer_due(
		get_datetime(later.accepted_on), True, 15, 3
	)


def test_both_numbers_are_settings(base, settings):
	frappe.db.set_single_value(
		"Property Service Settings", {"final_answer_days": 10, "urgent_final_answer_working_days": 1}
	)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	complaint = accepted(base)
	assert get_datetime(complaint.final_answer_due) == get_datetime(complaint.accepted_on) + timedelta(
		days=10
	)
	urgent = accepted(base, is_urgent=1)
	assert get_datetime(urgent.final_answer_due) == deadlines.final_answer_due(
		get_datetime(urgent.accepted_on), True, 10, 1
	)


def test_the_written_answer_is_sent_once_what_it_answers_is_recorded(base):  # IN-10, IN-11
	complaint = accepted(base)
	frappe.set_user("assistant@ps.test")
	try:
		with pytest.raises(ResolutionError):
			stored(complaint).record_final_answer()  # a valid complaint's answer is its decision
	finally:
		frappe.set_user("Administrator")
	investigate_and_decide(complaint)
	notice = issue_notice(stored(complaint))
	frappe.set_user("assistant@ps.test")
	try:
		with pytest.raises(ResolutionError, match=notice.name):
			stored(complaint).record_final_answer()  # HN-5: a team is still at work
	finally:
		frappe.set_user("Administrator")
	complete_notice(notice)

	frappe.set_user("assistant@ps.test")
	try:
		stored(complaint).record_final_answer()
		answered = stored(complaint).final_answered_on
		assert answered and abs((get_datetime(answered) - now_datetime()).total_seconds()) < 60
		with pytest.raises(ComplaintError):
			stored(complaint).record_final_answer()
	finally:
		frappe.set_user("Administrator")
	# resolving keeps when it was sent
	assert act(stored(complaint), "Resolve", "assistant@ps.test").final_answered_on == answered


def test_a_late_final_answer_is_escalated_like_the_other_deadlines(base):  # IN-11, ES-3
	complaint = accepted(base)
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		{"final_answer_due": add_to_date(now_datetime(), hours=-1), "replied_on": now_datetime()},
	)
	answered = accepted(base)
	frappe.db.set_value(
		"Complaint Register",
		answered.name,
		{
			"final_answer_due": add_to_date(now_datetime(), hours=-1),
			"final_answered_on": add_to_date(now_datetime(), hours=-2),
			"replied_on": now_datetime(),
		},
	)
	assert FINAL_ANSWER_DUE in HOURLY

	sweep(HOURLY)
	complaint = stored(complaint)
	assert complaint.deadline_breached == 1
	assert (complaint.escalation_level, complaint.status) == ("Supervisor", "Escalated to Supervisor")
	alerts = frappe.get_all(
		"Deadline Alert",
		filters={"case_name": complaint.name},
		fields=["alert", "deadline", "to_level", "notified"],
	)
	assert [(a.alert, a.deadline, a.to_level, a.notified) for a in alerts] == [
		(BREACH, "Final Answer Due", "Supervisor", "supervisor@ps.test")
	]
	assert not frappe.get_all("Deadline Alert", filters={"case_name": answered.name})

	sweep(HOURLY)  # again: nothing more
	assert frappe.db.count("Deadline Alert", {"case_name": complaint.name}) == 1


def test_the_final_answer_is_reminded_before_it_is_due(base):
	complaint = accepted(base)
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		{"final_answer_due": add_to_date(now_datetime(), hours=3), "replied_on": now_datetime()},
	)
	sweep(HOURLY)
	alerts = frappe.get_all(
		"Deadline Alert", filters={"case_name": complaint.name}, fields=["alert", "deadline", "notified"]
	)
	assert [(a.alert, a.deadline) for a in alerts] == [(REMINDER, "Final Answer Due")]
	assert stored(complaint).deadline_breached == 0


def test_a_paused_clock_moves_the_final_answer_on(base):
	complaint = accepted(base)
	due = get_datetime(complaint.final_answer_due)
	frappe.set_user("assistant@ps.test")
	try:
		complaint = stored(complaint)
		complaint.pause("业主出差 Owner away")
		frappe.db.set_value(
			"Case Pause",
			complaint.pauses[-1].name,
			"paused_on",
			add_to_date(now_datetime(), hours=-48),
		)
		frappe.db.set_value(
			"Complaint Register", complaint.name, "paused_since", add_to_date(now_datetime(), hours=-48)
		)
		stored(complaint).resume()
	finally:
		frappe.set_user("Administrator")
	assert get_datetime(stored(complaint).final_answer_due) - due >= timedelta(hours=47)


def test_the_patch_fills_the_deadline_for_open_accepted_complaints(base):
	open_one = accepted(base)
	resolved = act(
		edit(accepted(base), "assistant@ps.test", handling_result="已处理 Done"),
		"Resolve",
		"assistant@ps.test",
	)
	registered = make_complaint(base)
	expected = stored(open_one).final_answer_due
	frappe.db.set_value("Complaint Register", open_one.name, "final_answer_due", None)
	frappe.db.set_value("Complaint Register", resolved.name, "final_answered_on", None)

	complaint_final_answer_due.execute()
	complaint_final_answer_due.execute()  # again: nothing changes

	assert stored(open_one).final_answer_due == expected
	assert stored(resolved).final_answered_on == stored(resolved).resolved_on
	assert not stored(registered).final_answer_due
	assert "property_service.patches.complaint_final_answer_due" in frappe.get_file_items(
		frappe.get_app_path("property_service", "patches.txt")
	)
