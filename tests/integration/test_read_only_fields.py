"""A record's deadlines, breach marks, escalation level, timestamps and history are the app's to set:
whatever a member of staff sends for them through the HTTP API (REST, frappe.client, the desk's Save
and its document methods) is not taken, while what they may change is, and what the app itself sets
during such a request stands. Through a running site (gunicorn), as the customer service assistant."""

import json
from datetime import datetime, time

import frappe
from frappe.utils import add_days, get_datetime, getdate, today

from property_service.property_service.doctype.weekly_complaint_review.weekly_complaint_review import week_of
from tests.integration.conftest import cleanup
from tests.integration.factories import escalated_complaint, make_complaint, make_work_order

FORGED = "2030-01-01 00:00:00"


def stored(complaint) -> frappe._dict:
	frappe.db.rollback()  # see what the site committed
	return frappe.get_doc(complaint.doctype, complaint.name)


def test_rest_api_changes_what_staff_may_change_and_nothing_read_only(api):
	complaint = escalated_complaint(api.base)
	try:
		status, body = api.call(
			"PUT",
			f"/api/resource/Complaint Register/{complaint.name}",
			{
				"description": "住户补充：晚上更严重 Worse at night",
				"acceptance_due": FORGED,
				"reply_due": FORGED,
				"deadline_breached": 0,
				"breached_on": None,
				"escalation_level": "Assistant",
				"reopen_count": 99,
				"escalations": [],
			},
		)
		assert status == 200, body
		after = stored(complaint)
		assert after.description == "住户补充：晚上更严重 Worse at night"
		assert (after.acceptance_due, after.reply_due) == (complaint.acceptance_due, complaint.reply_due)
		assert (after.deadline_breached, after.breached_on) == (1, complaint.breached_on)
		assert (after.escalation_level, after.reopen_count) == ("Supervisor", complaint.reopen_count)
		assert [row.name for row in after.escalations] == [row.name for row in complaint.escalations]
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_a_saved_document_keeps_its_history_as_recorded(api):
	complaint = escalated_complaint(api.base)
	try:
		status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}")
		sent = body["data"]
		(row,) = sent["escalations"]
		forged_row = {**row, "reason": "伪造 Forged", "escalated_by": "Administrator"}
		made_up = {key: value for key, value in row.items() if key not in ("name", "idx")}
		sent = {**sent, "summary": "楼上漏水 Leak from upstairs", "escalations": [forged_row, made_up]}
		status, body = api.call("POST", "/api/method/frappe.client.save", {"doc": sent})
		assert status == 200, body
		after = stored(complaint)
		assert after.summary == "楼上漏水 Leak from upstairs"
		assert [(r.name, r.reason, r.escalated_by) for r in after.escalations] == [
			(r.name, r.reason, r.escalated_by) for r in complaint.escalations
		]

		status, body = api.call(
			"POST",
			"/api/method/frappe.client.set_value",
			{
				"doctype": "Complaint Register",
				"name": complaint.name,
				"fieldname": "reply_due",
				"value": FORGED,
			},
		)
		assert status == 200, body
		assert stored(complaint).reply_due == complaint.reply_due
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_a_document_method_sets_what_it_sets_and_not_what_was_sent(api):
	"""The desk's Pause Clock and Resume Clock send the form as it is (run_doc_method): the clock's own
	fields move as the app moves them; a deadline typed into what was sent does not."""
	complaint = make_complaint(api.base)
	frappe.db.commit()
	try:
		status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}")
		sent = {**body["data"], "reply_due": FORGED}
		status, body = api.call(
			"POST",
			"/api/method/run_doc_method",
			{
				"method": "pause",
				"docs": json.dumps(sent),
				"args": json.dumps({"reason": "住户不在家 Not at home"}),
			},
		)
		assert status == 200, body
		paused = stored(complaint)
		assert paused.paused_since and paused.reply_due == complaint.reply_due
		assert [row.reason for row in paused.pauses] == ["住户不在家 Not at home"]

		status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}")
		status, body = api.call(
			"POST", "/api/method/run_doc_method", {"method": "resume", "docs": json.dumps(body["data"])}
		)
		assert status == 200, body
		resumed = stored(complaint)
		assert not resumed.paused_since and resumed.pauses[0].resumed_on
		assert get_datetime(resumed.reply_due) >= get_datetime(paused.reply_due)
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_a_work_orders_dispatch_deadline_is_not_moved_through_the_api(api):
	order = make_work_order(api.base)
	frappe.db.commit()
	try:
		status, body = api.call(
			"PUT",
			f"/api/resource/Repair Work Order/{order.name}",
			{"dispatch_due": FORGED, "completed_on": FORGED, "problem": "厨房水龙头滴水 Kitchen tap drips"},
		)
		assert status == 200, body
		after = stored(order)
		assert after.problem == "厨房水龙头滴水 Kitchen tap drips"
		assert (after.dispatch_due, after.completed_on) == (order.dispatch_due, None)
	finally:
		cleanup("Repair Work Order", [order.name])


def test_gathering_the_weeks_records_again_from_the_desk_replaces_them(api):
	"""The desk's "Gather the Week's Records Again" sends the review as it is (run_doc_method); the app
	replaces the read-only tables with what the week holds now, and the sent rows do not come back."""
	monday = week_of(getdate(add_days(today(), -21)))[0]
	gathered = [
		make_complaint(api.base, received_on=datetime.combine(add_days(monday, day), time(10)))
		for day in (1, 2)
	]
	frappe.set_user("assistant@ps.test")
	try:
		review = frappe.get_doc(
			{"doctype": "Weekly Complaint Review", "estate": api.base.estate, "week_start": monday}
		).insert()
	finally:
		frappe.set_user("Administrator")
	assert {c.name for c in gathered} <= {row.complaint for row in review.complaints}
	# registered late from the week's paper forms: received before the others
	late = make_complaint(api.base, received_on=datetime.combine(monday, time(10)))
	frappe.db.commit()
	try:
		status, body = api.call("GET", f"/api/resource/Weekly Complaint Review/{review.name}")
		sent = body["data"]
		status, body = api.call(
			"POST", "/api/method/run_doc_method", {"method": "gather_records", "docs": json.dumps(sent)}
		)
		assert status == 200, body
		after = stored(review)
		names = [row.complaint for row in after.complaints]
		assert len(names) == len(set(names)) == len(review.complaints) + 1
		assert names.index(late.name) < names.index(gathered[0].name) < names.index(gathered[1].name)
		assert after.complaints_received == review.complaints_received + 1
	finally:
		cleanup("Weekly Complaint Review", [review.name])
		cleanup("Complaint Register", [late.name] + [c.name for c in gathered])


FORGED_AT_CREATION = {
	"accepted_on": FORGED,
	"resolved_on": FORGED,
	"deadline_breached": 1,
	"reopen_count": 9,
	"registered_by": "director@ps.test",
}


def new_complaint(base, **values) -> dict:
	return {
		"doctype": "Complaint Register",
		"channel": "Telephone",
		"resident": base.residents[0],
		"category": base.category,
		"summary": "电梯异响 The lift grinds",
		"description": "三号梯运行时有异响 Lift 3 grinds when it runs",
		**values,
	}


def test_a_new_complaint_takes_nothing_read_only_from_the_request(api):
	"""Created through REST, frappe.client.insert or the desk's Save: registered by whoever files it,
	not accepted or resolved yet, not late, never reopened, whatever was sent."""
	made = []
	try:
		status, body = api.call(
			"POST", "/api/resource/Complaint Register", new_complaint(api.base, **FORGED_AT_CREATION)
		)
		assert status == 200, body
		made.append(body["data"]["name"])
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.insert",
			{"doc": json.dumps(new_complaint(api.base, **FORGED_AT_CREATION), default=str)},
		)
		assert status == 200, body
		made.append(body["message"]["name"])
		desk = new_complaint(api.base, **FORGED_AT_CREATION, __islocal=1, name="new-complaint-register-1")
		status, body = api.call(
			"POST",
			"/api/method/frappe.desk.form.save.savedocs",
			{"doc": json.dumps(desk, default=str), "action": "Save"},
		)
		assert status == 200, body
		made.append(body["docs"][0]["name"])
		frappe.db.rollback()
		for name in made:
			complaint = frappe.get_doc("Complaint Register", name)
			assert complaint.registered_by == "assistant@ps.test"
			assert not (complaint.accepted_on or complaint.resolved_on)
			assert (complaint.deadline_breached, complaint.reopen_count) == (0, 0)
			assert complaint.acceptance_due and complaint.status == "Registered"
	finally:
		cleanup("Complaint Register", made)


def test_every_version_of_the_api_is_held_to_the_same(api):
	"""The versioned paths (/api/v1/resource, /api/v2/document, /api/v2/method) are the same doors."""
	complaint = escalated_complaint(api.base)
	try:
		for method, path, payload in (
			("PUT", f"/api/v1/resource/Complaint Register/{complaint.name}", {"reply_due": FORGED}),
			("PATCH", f"/api/v2/document/Complaint Register/{complaint.name}", {"reply_due": FORGED}),
		):
			status, body = api.call(method, path, {**payload, "deadline_breached": 0})
			assert status == 200, (path, body)
		status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}")
		sent = {**body["data"], "acceptance_due": FORGED, "escalations": []}
		status, body = api.call("POST", "/api/v2/method/frappe.client.save", {"doc": sent})
		assert status == 200, body
		after = stored(complaint)
		assert (after.acceptance_due, after.reply_due) == (complaint.acceptance_due, complaint.reply_due)
		assert after.deadline_breached == 1 and len(after.escalations) == 1
	finally:
		cleanup("Complaint Register", [complaint.name])
