"""Keeping in touch in a real browser at 1440 px, as the front desk uses it in Chinese: an owner forum
held is registered from its own button (each opinion becomes a complaint of the register, linked on
its row), and a key resident whose contact is overdue says so on the resident and opens the planned
contact from Record Contact (IN-7, RC-6). Headless Chromium against the test site (the fixtures of
test_browser.py); skipped, saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests.integration.factories import ensure_base_data
from tests.integration.test_browser import browser, pytestmark, site_url
from tests.integration.test_browser_desk import ASSISTANT, desk_log_in

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py


@pytest.fixture(scope="module")
def assistant_in_chinese(site_url):
	language = frappe.db.get_value("User", ASSISTANT, "language")
	frappe.db.set_value("User", ASSISTANT, "language", "zh")
	frappe.db.commit()
	yield ASSISTANT
	frappe.db.set_value("User", ASSISTANT, "language", language)
	frappe.db.commit()


def remove(doctype: str, names: list[str]):
	"""What the test made is test data: taken away again (tests may; the app never deletes)."""
	for name in names:
		for child, link in (
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
		):
			frappe.db.delete(child, {link: name})
		frappe.db.delete(doctype, {"name": name})


@pytest.fixture
def held_forum(assistant_in_chinese):
	base = ensure_base_data()
	forum = frappe.get_doc(
		{
			"doctype": "Owner Forum",
			"estate": base.estate,
			"theme": "浏览器测试：停车 Parking",
			"forum_date": today(),
			"attendees": [{"attendee_name": "李明", "resident": base.residents[0]}],
			"opinions": [
				{"opinion": "浏览器测试：车位不够", "outcome": "Complaint", "resident": base.residents[0]}
			],
		}
	).insert()
	next_forum = forum.mark_held()
	frappe.db.commit()
	yield forum.name
	frappe.db.rollback()
	complaints = frappe.get_all("Owner Forum Opinion", filters={"parent": forum.name}, pluck="complaint")
	remove("Complaint Register", [name for name in complaints if name])
	frappe.db.delete("Owner Forum Opinion", {"parent": forum.name})
	frappe.db.delete("Owner Forum Attendee", {"parent": forum.name})
	remove("Owner Forum", [forum.name, next_forum])
	frappe.db.commit()


@pytest.fixture
def overdue_key_resident(assistant_in_chinese):
	base = ensure_base_data()
	resident = frappe.get_doc("Resident", base.residents[1])
	resident.is_key_resident = 1
	resident.save()
	contact = frappe.db.get_value("Key Resident Contact", {"resident": resident.name, "status": "To Contact"})
	frappe.db.set_value("Key Resident Contact", contact, "due_on", add_days(today(), -3))
	frappe.db.set_value("Resident", resident.name, "next_contact_due", add_days(today(), -3))
	frappe.db.commit()
	yield resident.name, contact
	frappe.db.rollback()
	remove(
		"Key Resident Contact",
		frappe.get_all("Key Resident Contact", {"resident": resident.name}, pluck="name"),
	)
	frappe.db.set_value(
		"Resident", resident.name, {"is_key_resident": 0, "next_contact_due": None, "last_contacted_on": None}
	)
	frappe.db.commit()


def test_the_front_desk_registers_a_forums_opinions_from_its_button(site_url, browser, held_forum):
	page = desk_log_in(browser, site_url, ASSISTANT)
	page.goto(f"{site_url}/app/owner-forum/{held_forum}")
	page.get_by_role("button", name="登记意见").click()
	page.wait_for_selector("text=已登记 1 条投诉或建议", timeout=20_000)
	frappe.db.rollback()  # see what the browser's request committed
	complaint = frappe.get_all("Owner Forum Opinion", filters={"parent": held_forum}, pluck="complaint")[0]
	assert (
		complaint and frappe.db.get_value("Complaint Register", complaint, "source_document_no") == held_forum
	)
	# the row names the complaint, and there is nothing left to register
	page.wait_for_selector(f"[data-fieldname='opinions'] .grid-row:has-text('{complaint}')", timeout=20_000)
	assert not page.get_by_role("button", name="登记意见").is_visible()
	page.context.close()


def test_a_key_residents_overdue_contact_shows_and_opens_from_the_resident(
	site_url, browser, overdue_key_resident
):
	resident, contact = overdue_key_resident
	page = desk_log_in(browser, site_url, ASSISTANT)
	page.goto(f"{site_url}/app/resident/{resident}")
	page.wait_for_selector(".indicator-pill:has-text('联系逾期')", timeout=20_000)
	page.get_by_role("button", name="记录联系").click()
	page.wait_for_url(f"**/app/key-resident-contact/{contact}", timeout=20_000)
	page.wait_for_selector("text=联系逾期：应于", timeout=20_000)
	page.context.close()
