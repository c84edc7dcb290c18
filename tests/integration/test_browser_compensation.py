"""IN-12 in a real browser at 1440 px: a compensation of ¥12,800 waits for the office director. The
supervisor, whose limit it exceeds, reads who must approve it and is offered no approval; the director
approves it with the form's own action. Headless Chromium against the test site (the fixtures of
test_browser.py); skipped, saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils.password import update_password

from tests.integration.factories import act, ensure_base_data, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url
from tests.integration.test_browser_desk import desk_log_in
from tests.integration.test_compensation import new_agreement

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

SUPERVISOR, DIRECTOR = "supervisor@ps.test", "director@ps.test"


@pytest.fixture(scope="module")
def waiting(site_url):
	base = ensure_base_data()
	languages = {user: frappe.db.get_value("User", user, "language") for user in (SUPERVISOR, DIRECTOR)}
	for user in languages:
		frappe.db.set_value("User", user, "language", "zh")
		update_password(user, PASSWORD)
	frappe.db.set_single_value("Property Service Settings", "compensation_supervisor_limit", 1000)
	frappe.db.set_single_value("Property Service Settings", "compensation_manager_limit", 10000)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	complaint = make_complaint(base, validity="Valid", summary="浏览器测试：外墙渗水")
	agreement = act(new_agreement(complaint, 12800), "Send for Approval", "assistant@ps.test")
	frappe.db.commit()
	yield agreement
	# what the test made is test data: take it away again (tests may; the app never deletes)
	for doctype, name in (("Compensation Agreement", agreement.name), ("Complaint Register", complaint.name)):
		for child, link in (
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
		):
			frappe.db.delete(child, {link: name})
		frappe.db.delete(doctype, {"name": name})
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
	frappe.db.commit()


def actions(page) -> list[str]:
	page.get_by_role("button", name="操作").click()
	items = page.locator(".dropdown-menu.show .dropdown-item:visible").all_inner_texts()
	page.keyboard.press("Escape")
	return [item.strip() for item in items]


def test_only_the_level_the_amount_needs_approves_it(site_url, browser, waiting):
	page = desk_log_in(browser, site_url, SUPERVISOR)
	page.goto(f"{site_url}/app/compensation-agreement/{waiting.name}")
	page.wait_for_selector(".page-title .indicator-pill:has-text('待审批')", timeout=20_000)
	assert page.locator(".form-message:visible", has_text="等待管理处主任或更高一级审批").count()
	offered = actions(page)
	assert "批准赔偿" not in offered and "退回" in offered

	page = desk_log_in(browser, site_url, DIRECTOR)
	page.goto(f"{site_url}/app/compensation-agreement/{waiting.name}")
	page.wait_for_selector(".page-title .indicator-pill:has-text('待审批')", timeout=20_000)
	page.get_by_role("button", name="操作").click()
	page.locator(".dropdown-menu.show .dropdown-item:visible", has_text="批准赔偿").click()
	page.wait_for_selector(".page-title .indicator-pill:has-text('已批准')", timeout=20_000)
	frappe.db.rollback()  # a fresh read of what the browser's requests committed
	agreement = frappe.get_doc("Compensation Agreement", waiting.name)
	assert (agreement.status, agreement.docstatus, agreement.approved_by) == ("Approved", 1, DIRECTOR)
