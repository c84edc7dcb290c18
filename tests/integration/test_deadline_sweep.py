"""The deadline sweeps on a real site (ES-3). Time is frozen by handing each sweep its `now`.

In tests the claimed alerts are carried out at once, batch after batch, as Frappe runs its own
notifications in tests; test_deadline_sweep_outbox.py carries them out in background processes."""

import json
from unittest import mock

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime, now_datetime

from property_service import deadline_sweep
from property_service.deadline_sweep import (
	BREACH,
	COMPLAINT_ACCEPTANCE,
	DAILY,
	FREQUENT,
	HOURLY,
	REMINDER,
	sweep,
)
from tests.integration.factories import act, ensure_base_data, issue_notice, make_complaint, make_work_order


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


def received(hours_ago: float, **values):
	return {"received_on": add_to_date(now_datetime(), hours=-hours_ago), **values}


def trail(doc):
	"""Everything a breach leaves on a case: its alerts, escalation rows, to-dos and notifications."""
	return frappe._dict(
		alerts=frappe.get_all(
			"Deadline Alert",
			filters={"case_name": doc.name},
			fields=["alert", "deadline", "reference_name", "from_level", "to_level", "notified"],
			order_by="creation",
		),
		escalations=frappe.get_all(
			"Complaint Escalation",
			filters={"parent": doc.name},
			fields=["from_level", "to_level", "assigned_to", "escalated_by", "reason"],
			order_by="idx",
		),
		todos=frappe.get_all(
			"ToDo",
			filters={"reference_name": doc.name, "status": "Open"},
			pluck="allocated_to",
			order_by="creation",
		),
		notifications=frappe.get_all(
			"Notification Log",
			# a breach's notifications, not the team head's bell for a notice handed to the team
			filters={"document_name": ("in", [doc.name, *linked_notices(doc)]), "type": ("!=", "Assignment")},
			fields=["for_user", "subject"],
			order_by="creation",
		),
	)


def linked_notices(doc):
	if doc.doctype != "Complaint Register":
		return []
	return frappe.get_all("Handling Notice", filters={"complaint": doc.name}, pluck="name")


def fresh(doc):
	return frappe.get_doc(doc.doctype, doc.name)


def test_a_complaint_not_accepted_in_time_goes_to_the_supervisor_once(base):  # IN-4, ES-3
	complaint = make_complaint(base, **received(25))
	assert fresh(complaint).deadline_breached == 0

	sweep(HOURLY)
	complaint = fresh(complaint)
	assert complaint.deadline_breached == 1
	assert complaint.breached_on
	assert complaint.escalation_level == "Supervisor"
	assert complaint.status == "Registered", "still to be accepted: the supervisor now sees to it"
	first = trail(complaint)
	assert [(a.alert, a.deadline, a.to_level, a.notified) for a in first.alerts] == [
		(BREACH, "Complaint Acceptance", "Supervisor", "supervisor@ps.test")
	]
	assert [(e.from_level, e.to_level, e.assigned_to, e.escalated_by) for e in first.escalations] == [
		("Assistant", "Supervisor", "supervisor@ps.test", "Administrator")
	]
	assert first.todos == ["supervisor@ps.test"]
	assert [n.for_user for n in first.notifications] == ["supervisor@ps.test"]
	assert complaint.get("_assign") and "supervisor@ps.test" in complaint._assign

	# the history says what the sweep changed
	version = frappe.get_last_doc(
		"Version", filters={"ref_doctype": complaint.doctype, "docname": complaint.name}
	)
	assert ["escalation_level", "Assistant", "Supervisor"] in json.loads(version.data)["changed"]

	# run again, and again later: nothing more
	sweep(HOURLY)
	sweep(HOURLY, now=add_to_date(now_datetime(), hours=5))
	assert trail(fresh(complaint)) == first


def test_a_late_case_climbs_the_ladder_to_the_director(base):  # HN-2, HN-3, ES-1, ES-3
	complaint = make_complaint(base, **received(80))
	complaint = act(complaint, "Accept", "assistant@ps.test")
	complaint = act(complaint, "Start Handling", "assistant@ps.test")

	sweep(HOURLY)  # received 80 hours ago: the 3-day reply is late
	complaint = fresh(complaint)
	assert (complaint.escalation_level, complaint.status) == ("Supervisor", "Escalated to Supervisor")

	# each late handling notice moves the complaint one more level
	for expected_level, expected_state in (
		("Manager", "Escalated to Manager"),
		("Director", "Escalated to Director"),
	):
		notice = issue_notice(complaint, "supervisor@ps.test", due_on=add_to_date(now_datetime(), hours=1))
		sweep(HOURLY, now=add_to_date(now_datetime(), hours=2))
		assert fresh(notice).deadline_breached == 1
		complaint = fresh(complaint)
		assert (complaint.escalation_level, complaint.status) == (expected_level, expected_state)

	# at the top there is no one further up: the director is told again, the level stays
	notice = issue_notice(complaint, "director@ps.test", due_on=add_to_date(now_datetime(), hours=1))
	sweep(HOURLY, now=add_to_date(now_datetime(), hours=2))
	complaint = fresh(complaint)
	assert complaint.escalation_level == "Director"
	result = trail(complaint)
	assert [(e.from_level, e.to_level, e.assigned_to) for e in result.escalations] == [
		("Assistant", "Supervisor", "supervisor@ps.test"),
		("Supervisor", "Manager", "manager@ps.test"),
		("Manager", "Director", "director@ps.test"),
	]
	assert [a.to_level for a in result.alerts] == ["Supervisor", "Manager", "Director", "Director"]
	assert [n.for_user for n in result.notifications] == [
		"supervisor@ps.test",
		"manager@ps.test",
		"director@ps.test",
		"director@ps.test",
	]
	assert notice.name in result.notifications[-1].subject
	assert sorted(result.todos) == ["director@ps.test", "manager@ps.test", "supervisor@ps.test"]


def test_a_paused_clock_is_not_breached(base):
	complaint = make_complaint(base, **received(25))
	complaint.pause("业主出差，无法入户 Owner away, no access")
	sweep(HOURLY)
	assert fresh(complaint).deadline_breached == 0
	assert not trail(complaint).alerts


def test_a_work_order_not_dispatched_in_15_minutes_is_reminded_then_escalated(base):  # WO-2
	requested = now_datetime()
	order = make_work_order(base, requested_on=requested)

	sweep(FREQUENT, now=add_to_date(requested, minutes=5))
	assert not trail(order).alerts, "ten minutes left: too early to remind"

	sweep(FREQUENT, now=add_to_date(requested, minutes=11))
	sweep(FREQUENT, now=add_to_date(requested, minutes=12))
	reminded = trail(order)
	assert [(a.alert, a.notified) for a in reminded.alerts] == [(REMINDER, "centre@ps.test")]
	assert fresh(order).deadline_breached == 0

	sweep(FREQUENT, now=add_to_date(requested, minutes=16))
	sweep(FREQUENT, now=add_to_date(requested, minutes=19))
	order = fresh(order)
	assert (order.deadline_breached, order.escalation_level) == (1, "Supervisor")
	result = trail(order)
	assert [(a.alert, a.deadline, a.notified) for a in result.alerts] == [
		(REMINDER, "Work Order Dispatch", "centre@ps.test"),
		(BREACH, "Work Order Dispatch", "supervisor@ps.test"),
	]
	assert result.todos == ["supervisor@ps.test"]
	assert [n.for_user for n in result.notifications] == ["centre@ps.test", "supervisor@ps.test"]


def test_a_dispatched_order_the_technician_has_not_acknowledged_reminds_the_technician(base):  # WO-2
	requested = now_datetime()
	order = make_work_order(base, requested_on=requested, technician="technician@ps.test")
	act(order, "Dispatch", "assistant@ps.test")
	sweep(FREQUENT, now=add_to_date(requested, minutes=12))
	assert [a.notified for a in trail(order).alerts] == ["technician@ps.test"]

	frappe.set_user("technician@ps.test")
	try:
		fresh(order).acknowledge()
	finally:
		frappe.set_user("Administrator")
	sweep(FREQUENT, now=add_to_date(requested, minutes=20))
	assert [a.alert for a in trail(order).alerts] == [REMINDER], "acknowledged in time: no breach"


def test_late_return_visits_and_promised_replies_go_up_a_level(base):  # RV-3, RV-8
	complaint = make_complaint(base, **received(2))
	visit = frappe.get_doc(
		{
			"doctype": "Return Visit",
			"visit_kind": "Complaint",
			"reference_doctype": complaint.doctype,
			"reference_name": complaint.name,
			"estate": complaint.estate,
			"due_on": add_to_date(now_datetime(), hours=1),
			"method": "Phone",
			"visitor": "assistant@ps.test",
			"visitor_role": "Customer Service Assistant",
			"promised_reply_on": add_to_date(now_datetime(), hours=3),
		}
	).insert()
	assert visit.escalation_level == "Assistant"

	sweep(HOURLY, now=add_to_date(now_datetime(), hours=2))
	visit = fresh(visit)
	assert (visit.deadline_breached, visit.escalation_level) == (1, "Supervisor")
	kinds = [(a.alert, a.deadline, a.notified) for a in trail(visit).alerts]
	assert (BREACH, "Return Visit Due", "supervisor@ps.test") in kinds
	assert (REMINDER, "Promised Reply", "supervisor@ps.test") in kinds, (
		"the reminder goes to who holds it now"
	)

	sweep(HOURLY, now=add_to_date(now_datetime(), hours=4))
	visit = fresh(visit)
	assert visit.escalation_level == "Manager"
	assert [a.deadline for a in trail(visit).alerts if a.alert == BREACH] == [
		"Return Visit Due",
		"Promised Reply",
	]


def test_a_valid_complaint_unresolved_for_a_month_becomes_major(base):  # IN-5, ES-2
	complaint = make_complaint(base, **received(24 * 40))
	complaint = act(complaint, "Accept", "assistant@ps.test")
	complaint = act(complaint, "Start Handling", "assistant@ps.test")
	not_ours = make_complaint(base, validity="Not Company Fault", **received(24 * 40))

	sweep(DAILY)
	complaint = fresh(complaint)
	assert complaint.classification == "Major"
	assert (complaint.escalation_level, complaint.status) == ("Manager", "Escalated to Manager")
	assert trail(complaint).todos == ["manager@ps.test"]
	assert "major" in trail(complaint).escalations[-1].reason
	assert fresh(not_ours).classification != "Major"

	sweep(DAILY)
	assert len(trail(complaint).alerts) == 1


def test_the_month_counts_from_receipt(base):  # IN-5
	complaint = make_complaint(base, **received(24 * 20))
	received_on = get_datetime(complaint.received_on)
	sweep(DAILY, now=add_to_date(received_on, days=27))
	assert fresh(complaint).classification != "Major"
	sweep(DAILY, now=add_to_date(received_on, months=1, minutes=1))
	assert fresh(complaint).classification == "Major"


def test_the_month_is_a_calendar_month_that_ends_with_a_short_month(base):  # IN-5
	# the sweep finds major complaints in SQL (DATE_ADD … INTERVAL n MONTH): from 31 January the month
	# ends on the last day of February, at the hour of receipt
	complaint = make_complaint(base, received_on=get_datetime("2026-01-31 09:00:00"))
	sweep(DAILY, now=get_datetime("2026-02-28 08:59:00"))
	assert fresh(complaint).classification != "Major"
	sweep(DAILY, now=get_datetime("2026-02-28 09:00:00"))
	assert fresh(complaint).classification == "Major"


def test_a_complaint_is_reminded_before_its_acceptance_deadline(base):  # IN-4
	frappe.set_user("assistant@ps.test")
	try:
		complaint = make_complaint(base, **received(21))
	finally:
		frappe.set_user("Administrator")
	sweep(HOURLY)
	sweep(HOURLY)
	assert [(a.alert, a.notified) for a in trail(complaint).alerts] == [(REMINDER, "assistant@ps.test")]
	subject = trail(complaint).notifications[0].subject
	assert complaint.name in subject


def test_a_sweep_interrupted_mid_batch_completes_each_breach_exactly_once_when_run_again(base):
	# five late complaints, older than anything else on the site so they are swept first
	complaints = [make_complaint(base, **received(24 * 365 * 3 + hour)) for hour in range(5)]
	# the second batch fails after writing its alerts, while marking its late documents
	mark_late = deadline_sweep.mark_late
	calls = []

	def fail_in_the_second_batch(*args, **kwargs):
		calls.append(1)
		if len(calls) == 2:
			raise ConnectionError("worker killed")
		return mark_late(*args, **kwargs)

	with mock.patch.object(deadline_sweep, "mark_late", fail_in_the_second_batch):
		with pytest.raises(ConnectionError):
			sweep((COMPLAINT_ACCEPTANCE,), batch_size=2)

	done = [fresh(c).deadline_breached for c in complaints]
	# swept oldest first: the first batch committed, the second left nothing behind
	assert sorted(done) == [0, 0, 0, 1, 1]
	for complaint in complaints:
		left = trail(complaint)
		assert (
			len(left.alerts)
			== len(left.todos)
			== len(left.notifications)
			== fresh(complaint).deadline_breached
		)

	sweep((COMPLAINT_ACCEPTANCE,), batch_size=2)
	for complaint in complaints:
		result = trail(complaint)
		assert fresh(complaint).escalation_level == "Supervisor"
		assert (
			len(result.alerts)
			== len(result.escalations)
			== len(result.todos)
			== len(result.notifications)
			== 1
		)


def test_a_breach_another_sweep_claimed_first_is_left_to_it(base):
	complaint = make_complaint(base, **received(24 * 365 * 3))
	now = now_datetime()
	settings = deadline_sweep.get_settings()
	found = deadline_sweep.find_unalerted(COMPLAINT_ACCEPTANCE, BREACH, now, settings, 1000, 0)
	rows = [row for row in found if row.reference_name == complaint.name]
	assert deadline_sweep.claim_batch(COMPLAINT_ACCEPTANCE, BREACH, rows, now) == [
		f"BREACH-ACCEPT-{complaint.name}"
	]
	# a second sweep that found it at the same moment claims nothing, and marks nothing again
	assert deadline_sweep.claim_batch(COMPLAINT_ACCEPTANCE, BREACH, rows, now) == []
	assert frappe.db.count("Deadline Alert", {"reference_name": complaint.name}) == 1


def test_a_change_the_case_refuses_waits_on_its_alert_and_is_carried_out_once_it_can_be(base):
	complaint = make_complaint(base, **received(24 * 365 * 3))
	supervisor = frappe.db.get_value("Estate", base.estate, "service_supervisor")
	frappe.db.set_value("Estate", base.estate, "service_supervisor", None)
	sweep((COMPLAINT_ACCEPTANCE,))
	alert = frappe.get_doc("Deadline Alert", f"BREACH-ACCEPT-{complaint.name}")
	# the estate names no supervisor: the complaint's controller refuses to escalate to nobody
	assert alert.status == "To Carry Out" and alert.not_done_because
	assert fresh(complaint).deadline_breached == 1 and not trail(complaint).escalations

	frappe.db.set_value("Estate", base.estate, "service_supervisor", supervisor)
	assert deadline_sweep.carry_out([alert.name]) == 1
	assert frappe.db.get_value("Deadline Alert", alert.name, ["status", "not_done_because"]) == (
		"Carried Out",
		None,
	)
	assert len(trail(fresh(complaint)).escalations) == 1


def test_alerts_are_kept(base):  # RE-1
	complaint = make_complaint(base, **received(25))
	sweep(HOURLY)
	alert = frappe.get_last_doc("Deadline Alert", filters={"case_name": complaint.name})
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("Deadline Alert", alert.name)
	assert not frappe.has_permission("Deadline Alert", "create", user="supervisor@ps.test")
	assert frappe.has_permission("Deadline Alert", "read", user="supervisor@ps.test")


def test_the_sweeps_are_scheduled():
	events = frappe.get_hooks("scheduler_events")
	assert "property_service.deadline_sweep.sweep_hourly" in events["hourly"]
	assert "property_service.deadline_sweep.sweep_daily" in events["daily"]
	assert any("property_service.deadline_sweep.sweep_frequent" in jobs for jobs in events["cron"].values())
	jobs = frappe.get_all(
		"Scheduled Job Type",
		filters={"method": ("like", "property_service.deadline_sweep.%")},
		pluck="method",
	)
	assert len(jobs) == 3
