"""IN-8 … IN-10 and HN-5 in a real browser at 1440 px, the desk in Chinese: a valid complaint, investigated
and decided, with notices to two teams. The team head confirms his team's notice from the notice's own
button; the front desk sees which notices are still open and is told, in Chinese, that the complaint
cannot be resolved while one is. Headless Chromium against the test site (the fixtures of
test_browser.py); skipped, saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils.password import update_password

from tests.integration.factories import (
	act,
	edit,
	ensure_base_data,
	investigate_and_decide,
	issue_notice,
	make_complaint,
)
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url
from tests.integration.test_browser_desk import choose_action, desk_log_in
from tests.integration.test_several_teams import CLEANING, ensure_cleaning_team

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

ASSISTANT, HEAD = "assistant@ps.test", "head@ps.test"


@pytest.fixture(scope="module")
def two_notices(site_url):
	base = ensure_base_data()
	ensure_cleaning_team()
	languages = {user: frappe.db.get_value("User", user, "language") for user in (ASSISTANT, HEAD)}
	for user in languages:
		frappe.db.set_value("User", user, "language", "zh")
		update_password(user, PASSWORD)
	complaint = act(
		make_complaint(base, service_team=base.team, summary="浏览器测试：楼道积水"), "Accept", ASSISTANT
	)
	complaint = investigate_and_decide(complaint)
	complaint = edit(complaint, ASSISTANT, handling_result="处理中")
	notices = [issue_notice(complaint), issue_notice(complaint, service_team=CLEANING)]
	frappe.db.commit()
	yield complaint, notices
	# what the test made is test data: take it away again (tests may; the app never deletes)
	for doctype, name in [("Complaint Register", complaint.name)] + [
		("Handling Notice", n.name) for n in notices
	]:
		for child, link in (
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
		):
			frappe.db.delete(child, {link: name})
		frappe.db.delete(doctype, {"name": name})
	frappe.db.delete("Complaint Investigator", {"parent": complaint.name})
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
	frappe.db.commit()


def test_each_team_confirms_and_the_desk_waits_for_every_notice(site_url, browser, two_notices):
	from playwright.sync_api import expect  # only where the browser tests run (see test_browser.py)

	complaint, (maintenance, cleaning) = two_notices

	page = desk_log_in(browser, site_url, HEAD)
	page.goto(f"{site_url}/app/handling-notice/{maintenance.name}")
	page.get_by_role("button", name="确认收到").click()
	page.wait_for_selector(".frappe-control:visible:has(label:text-is('部门确认时间'))", timeout=20_000)
	# the call's answer shows the confirmation first; the button goes with the reload that follows
	expect(page.get_by_role("button", name="确认收到")).to_have_count(0, timeout=20_000)
	frappe.db.rollback()  # a fresh read of what the browser's requests committed
	assert frappe.db.get_value("Handling Notice", maintenance.name, "confirmed_by") == HEAD

	page = desk_log_in(browser, site_url, ASSISTANT)
	page.goto(f"{site_url}/app/complaint-register/{complaint.name}")
	section = page.locator(".form-dashboard-section:has-text('未完成的处理通知单')")
	section.wait_for(timeout=20_000)
	text = section.inner_text()
	assert f"{maintenance.name}" in text and "部门已确认" in text
	assert f"{cleaning.name}" in text and "部门尚未确认" in text

	choose_action(page, "解决")
	dialog = page.locator(".modal.show:has-text('仍有未完成的处理通知单')")
	dialog.wait_for(timeout=20_000)
	assert maintenance.name in dialog.inner_text() and cleaning.name in dialog.inner_text()
	frappe.db.rollback()
	assert frappe.db.get_value("Complaint Register", complaint.name, "status") == "In Handling"
