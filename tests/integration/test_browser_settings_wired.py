"""What the settings now wired show staff in the desk, in a real browser (1440 px, Chinese): a return
visit made and not recorded by its day (RV-9) is overdue on its form and in the list. Headless Chromium
against the test site (the fixtures of test_browser.py); skipped, saying why, without Chromium or
Playwright."""

from datetime import timedelta

import frappe
import pytest
from frappe.utils import now_datetime

from tests.integration.conftest import cleanup
from tests.integration.factories import act, edit, ensure_base_data, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

ASSISTANT = "assistant@ps.test"
DESK = {"viewport": {"width": 1440, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def visited_unrecorded(site_url):
	"""A resolved complaint's return visit, made three days ago and not recorded yet; the assistant
	reads the desk in Chinese."""
	language = frappe.db.get_value("User", ASSISTANT, "language")
	frappe.db.set_value("User", ASSISTANT, "language", "zh")
	complaint = act(make_complaint(ensure_base_data()), "Accept", ASSISTANT)
	complaint = edit(complaint, ASSISTANT, handling_result="已更换立管 Riser replaced")
	complaint = act(complaint, "Resolve", ASSISTANT)
	visit = frappe.get_last_doc("Return Visit", filters={"reference_name": complaint.name})
	visit = edit(visit, ASSISTANT, visited_on=now_datetime() - timedelta(days=3))
	frappe.db.commit()
	yield visit
	frappe.db.rollback()
	cleanup("Return Visit", [visit.name])
	cleanup("Complaint Register", [complaint.name])
	frappe.db.set_value("User", ASSISTANT, "language", language)
	frappe.db.commit()


def test_a_visit_not_recorded_by_its_day_is_overdue_on_its_form_and_in_the_list(
	site_url, browser, visited_unrecorded, tmp_path
):
	page = browser.new_context(**DESK).new_page()
	page.goto(f"{site_url}/login")
	page.fill("#login_email", ASSISTANT)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20_000)

	page.goto(f"{site_url}/app/return-visit/{visited_unrecorded.name}")
	overdue = frappe._("Record overdue: visited {0}, to be recorded by {1}", lang="zh").split("：")[0]
	page.locator(".form-message", has_text=overdue).wait_for(timeout=20_000)
	assert page.locator("[data-fieldname='record_due_on']").first.is_visible()
	page.screenshot(path=str(tmp_path / "return_visit_record_overdue.png"), full_page=True)

	page.goto(f"{site_url}/app/return-visit?name={visited_unrecorded.name}")
	row = page.locator(".list-row-container", has_text=visited_unrecorded.name)
	row.wait_for(timeout=20_000)
	assert frappe._("Record Overdue", lang="zh") in row.inner_text()
