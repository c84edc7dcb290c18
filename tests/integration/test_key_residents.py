"""Key residents contacted at their frequency, every contact logged, an overdue contact watched
(IN-7), on a real site."""

import frappe
import pytest
from frappe.utils import add_days, getdate, now_datetime, today

from property_service.deadline_sweep import DAILY, sweep
from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.key_resident_contact.key_resident_contact import (
	KeyResidentContactError,
)
from tests.integration.factories import ensure_estate

SETTINGS = "Property Service Settings"


@pytest.fixture(scope="module")
def estate():
	return ensure_estate(
		"重点业主测试小区 Key Resident Estate",
		{"2栋": [("201", "吴六", "13900002201"), ("202", "郑七", "13900002202")]},
	)


def mark_key(resident, **values):
	doc = frappe.get_doc("Resident", resident)
	doc.update({"is_key_resident": 1, **values})
	doc.save()
	return doc


def planned(resident):
	return frappe.get_doc("Key Resident Contact", {"resident": resident, "status": "To Contact"})


def test_a_key_resident_gets_a_contact_planned_at_the_settings_frequency(estate):  # rule IN-7
	frappe.db.set_single_value(SETTINGS, "key_resident_contact_days", 30)
	resident = mark_key(estate.residents[0])
	contact = planned(resident.name)
	assert getdate(contact.due_on) == getdate(add_days(today(), 30))
	# nobody named on the resident: the estate's service-centre manager keeps in touch
	assert contact.contacted_by == "centre@ps.test"
	resident.reload()
	assert getdate(resident.next_contact_due) == getdate(contact.due_on) and not resident.last_contacted_on


def test_recording_a_contact_logs_it_and_plans_the_next(estate):  # rule IN-7
	resident = mark_key(estate.residents[1], contact_every_days=14, kept_in_touch_by="assistant@ps.test")
	contact = planned(resident.name)
	assert contact.contacted_by == "assistant@ps.test"
	assert getdate(contact.due_on) == getdate(add_days(today(), 14))
	contact.contacted_on = now_datetime()
	with pytest.raises(KeyResidentContactError):
		contact.save()  # how?
	contact.reload()
	contact.update({"contacted_on": now_datetime(), "method": "Phone", "notes": "关心电梯维修进度"})
	contact.save()
	assert contact.status == "Contacted"
	following = planned(resident.name)
	assert following.name != contact.name
	assert getdate(following.due_on) == getdate(add_days(today(), 14))
	resident.reload()
	assert getdate(resident.last_contacted_on) == getdate(today())
	assert getdate(resident.next_contact_due) == getdate(following.due_on)
	# the log: both contacts kept, one made and one planned
	assert frappe.db.count("Key Resident Contact", {"resident": resident.name}) == 2


def test_one_contact_is_planned_at_a_time_and_only_for_key_residents(estate):
	mark_key(estate.residents[0])
	with pytest.raises(KeyResidentContactError):
		frappe.get_doc({"doctype": "Key Resident Contact", "resident": estate.residents[0]}).insert()
	frappe.db.set_value("Resident", estate.residents[1], "is_key_resident", 0)
	with pytest.raises(KeyResidentContactError):
		frappe.get_doc({"doctype": "Key Resident Contact", "resident": estate.residents[1]}).insert()


def test_a_contact_cannot_be_recorded_in_the_future(estate):
	contact = planned(mark_key(estate.residents[0]).name)
	contact.update({"contacted_on": add_days(now_datetime(), 1), "method": "Phone"})
	with pytest.raises(KeyResidentContactError):
		contact.save()


def test_no_longer_key_closes_the_planned_contact_and_keeps_the_log(estate):
	resident = mark_key(estate.residents[0])
	contact = planned(resident.name)
	resident.is_key_resident = 0
	resident.save()
	assert frappe.db.get_value("Key Resident Contact", contact.name, "status") == "No Longer Key"
	assert not frappe.db.get_value("Resident", resident.name, "next_contact_due")


def test_the_resident_list_and_form_read_the_app_computed_dates(estate):
	resident = mark_key(estate.residents[0])
	due = frappe.db.get_value("Resident", resident.name, "next_contact_due")
	resident.next_contact_due = "2000-01-01"  # a request cannot move it
	resident.save()
	assert frappe.db.get_value("Resident", resident.name, "next_contact_due") == due


def test_contacts_are_kept_and_print(estate):  # rules RE-1, RE-2
	contact = planned(mark_key(estate.residents[0]).name)
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Key Resident Contact", contact.name)
	html = frappe.get_print("Key Resident Contact", contact.name, print_format="Key Resident Contact Record")
	assert "重点业主联系记录" in html and "维护人签字" in html


def test_an_overdue_contact_is_watched_by_the_daily_sweep(estate):  # rules IN-7, ES-3
	contact = planned(mark_key(estate.residents[0], contact_every_days=7).name)
	sweep(DAILY, now=add_days(now_datetime(), 5))  # not due yet
	assert not frappe.db.get_value("Key Resident Contact", contact.name, "deadline_breached")

	sweep(DAILY, now=add_days(now_datetime(), 9))
	contact.reload()
	assert (contact.deadline_breached, contact.escalation_level) == (1, "Supervisor")
	alert = frappe.get_last_doc(
		"Deadline Alert",
		filters={"reference_doctype": "Key Resident Contact", "reference_name": contact.name},
	)
	assert (alert.deadline, alert.notified) == ("Key Resident Contact Due", "supervisor@ps.test")
	assert frappe.db.exists("ToDo", {"reference_name": contact.name, "allocated_to": "supervisor@ps.test"})

	sweep(DAILY, now=add_days(now_datetime(), 10))  # once only
	assert frappe.db.count("Deadline Alert", {"reference_name": contact.name}) == 1
	# recorded late, it is still recorded, and the next one is planned afresh
	contact.update({"contacted_on": now_datetime(), "method": "In Person"})
	contact.save()
	assert contact.status == "Contacted" and contact.deadline_breached
