"""Owner forums at least every interval per estate, each opinion raised becoming a complaint, a
suggestion or an action, the record printed (RC-6), on a real site."""

import frappe
import pytest
from frappe.utils import add_days, add_months, getdate, now_datetime, today

from property_service.deadline_sweep import DAILY, sweep
from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.owner_forum.owner_forum import OwnerForumError
from tests.integration.factories import ensure_estate

SETTINGS = "Property Service Settings"


@pytest.fixture(scope="module")
def estate():
	return ensure_estate(
		"座谈会测试小区 Forum Estate",
		{"3栋": [("301", "冯八", "13900003301"), ("302", "陈九", "13900003302")]},
	)


def new_forum(estate, **values):
	return frappe.get_doc({"doctype": "Owner Forum", "estate": estate.estate, **values}).insert()


def hold(forum, estate, day=None):
	forum.update(
		{
			"theme": "停车管理 Parking",
			"forum_date": day or today(),
			"chaired_by": "manager@ps.test",
			"attendees": [
				{"attendee_name": "冯八", "resident": estate.residents[0], "attendee_role": "Owner"},
				{"attendee_name": "经理", "attendee_role": "Company Staff", "user": "manager@ps.test"},
			],
		}
	)
	forum.save()
	return forum.mark_held()


def test_a_forum_is_due_an_interval_after_the_last_held_and_holding_plans_the_next(estate):  # rule RC-6
	frappe.db.set_single_value(SETTINGS, "owner_forum_interval_months", 3)
	first = new_forum(estate)
	assert first.status == "Planned"
	assert getdate(first.due_by) == getdate(add_months(today(), 3))  # no forum held yet: from today
	held_on = add_days(today(), -10)
	next_name = hold(first, estate, held_on)
	first.reload()
	assert first.status == "Held" and first.attendee_count == 2 and first.next_forum == next_name
	following = frappe.get_doc("Owner Forum", next_name)
	assert following.status == "Planned" and getdate(following.due_by) == getdate(add_months(held_on, 3))
	with pytest.raises(OwnerForumError):
		first.mark_held()


def test_a_forum_is_held_with_its_theme_date_and_attendees_not_in_the_future(estate):
	forum = new_forum(estate)
	with pytest.raises(OwnerForumError):
		forum.mark_held()  # no theme, date or attendees
	forum.reload()
	with pytest.raises(OwnerForumError):
		hold(forum, estate, add_days(today(), 1))


def test_each_opinion_becomes_a_complaint_a_suggestion_or_an_action(estate):  # rules RC-6, IN-1, IN-6
	forum = new_forum(estate)
	forum.extend(
		"opinions",
		[
			{
				"opinion": "车位不够 Too few parking spaces",
				"outcome": "Complaint",
				"resident": estate.residents[0],
			},
			{
				"opinion": "增设充电桩 Add EV chargers",
				"outcome": "Suggestion",
				"resident": estate.residents[1],
			},
			{
				"opinion": "夜间巡逻 Patrol at night",
				"outcome": "Follow-up Action",
				"action": "增加夜间巡逻 One more night patrol",
				"responsible_user": "supervisor@ps.test",
				"due_on": add_days(today(), 14),
			},
		],
	)
	forum.save()
	with pytest.raises(OwnerForumError):
		forum.register_opinions()  # not held yet
	forum.reload()
	hold(forum, estate)
	forum.reload()
	made = forum.register_opinions()
	assert made == {"complaints": 2, "actions": 1}
	forum.reload()
	complaint, suggestion, action = forum.opinions
	registered = frappe.get_doc("Complaint Register", complaint.complaint)
	assert (registered.validity, registered.source_document_no) == ("Valid", forum.name)
	assert registered.resident == estate.residents[0] and registered.contact_phone == "13900003301"
	assert frappe.db.get_value("Complaint Register", suggestion.complaint, "validity") == "Suggestion"
	assert action.assigned_on
	assert frappe.db.exists(
		"ToDo",
		{"reference_type": "Owner Forum", "reference_name": forum.name, "allocated_to": "supervisor@ps.test"},
	)
	# once: nothing waits, and what was acted on is kept as it was
	with pytest.raises(OwnerForumError):
		forum.register_opinions()
	forum.opinions[0].opinion = "改写 Rewritten"
	with pytest.raises(OwnerForumError):
		forum.save()


def test_a_follow_up_action_needs_what_and_who(estate):
	forum = new_forum(estate)
	forum.append("opinions", {"opinion": "绿化 Greening", "outcome": "Follow-up Action"})
	forum.save()
	with pytest.raises(OwnerForumError):
		hold(forum, estate)


def test_forums_are_kept_and_print(estate):  # rules RE-1, RE-2
	forum = new_forum(estate)
	forum.append("opinions", {"opinion": "垃圾清运 Rubbish collection", "raised_by": "冯八"})
	hold(forum, estate)
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Owner Forum", forum.name)
	html = frappe.get_print("Owner Forum", forum.name, print_format="Owner Forum Record")
	assert "业主座谈会记录表" in html and "停车管理" in html and "垃圾清运" in html and "记录人签字" in html


def test_an_overdue_forum_is_watched_by_the_daily_sweep(estate):  # rules RC-6, ES-3
	frappe.db.set_single_value(SETTINGS, "owner_forum_interval_months", 3)
	forum = new_forum(estate)
	sweep(DAILY, now=add_days(now_datetime(), 30))  # not due yet
	assert not frappe.db.get_value("Owner Forum", forum.name, "deadline_breached")

	sweep(DAILY, now=add_days(now_datetime(), 100))
	forum.reload()
	assert (forum.deadline_breached, forum.escalation_level) == (1, "Supervisor")
	alert = frappe.get_last_doc(
		"Deadline Alert", filters={"reference_doctype": "Owner Forum", "reference_name": forum.name}
	)
	assert (alert.deadline, alert.notified) == ("Owner Forum Due", "supervisor@ps.test")
	assert frappe.db.exists("ToDo", {"reference_name": forum.name, "allocated_to": "supervisor@ps.test"})
	sweep(DAILY, now=add_days(now_datetime(), 101))  # once only
	assert frappe.db.count("Deadline Alert", {"reference_name": forum.name}) == 1
