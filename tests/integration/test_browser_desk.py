"""The desk in a real browser at 1440 px, as the staff who use it: a team head records the remedial
measures on the handling notice issued to his team and reports and signs it with the form's own
labelled buttons. Headless Chromium against the test site (the fixtures of test_browser.py); skipped,
saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils.password import update_password

from tests.integration.factories import STAFF, act, ensure_base_data, issue_notice, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

HEAD = "head@ps.test"
DESK = {"viewport": {"width": 1440, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def issued_notice(site_url):
	"""A complaint accepted and handed to the test team, whose head reads the desk in Chinese."""
	base = ensure_base_data()
	language = frappe.db.get_value("User", HEAD, "language")
	frappe.db.set_value("User", HEAD, "language", "zh")
	update_password(HEAD, PASSWORD)
	frappe.set_user("assistant@ps.test")
	complaint = make_complaint(base, summary="浏览器测试：卫生间漏水", description="楼上卫生间渗水到楼下。")
	frappe.set_user("Administrator")
	complaint = act(complaint, "Accept", "assistant@ps.test")
	notice = issue_notice(complaint)
	frappe.db.commit()
	yield notice
	# what the test made is test data: take it away again (tests may; the app never deletes)
	for doctype, name in (("Handling Notice", notice.name), ("Complaint Register", complaint.name)):
		for child, link in (
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
		):
			frappe.db.delete(child, {link: name})
		frappe.db.delete(doctype, {"name": name})
	frappe.db.set_value("User", HEAD, "language", language)
	frappe.db.commit()


def desk_log_in(browser, url: str, email: str):
	page = browser.new_context(**DESK).new_page()
	page.goto(f"{url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20_000)
	return page


def field(page, label: str):
	"""A form field found by its visible label, as the user finds it."""
	return page.locator(f".frappe-control:visible:has(label.control-label:text-is('{label}'))")


def choose_action(page, action: str):
	"""The workflow's next step, from the labelled Actions menu in the page head."""
	page.get_by_role("button", name="操作").click()
	page.locator(".dropdown-menu.show .dropdown-item:visible", has_text=action).click()


def test_a_team_head_records_the_measures_and_signs_the_notice(site_url, browser, issued_notice):
	page = desk_log_in(browser, site_url, HEAD)
	page.goto(f"{site_url}/app/handling-notice/{issued_notice.name}")
	page.wait_for_selector(".page-title .indicator-pill", timeout=20_000)

	assert page.locator(".form-message:visible", has_text="上报处理结果").count(), (
		"the form tells the team what to fill and which step follows"
	)
	head_name = STAFF[HEAD][0]
	assert head_name in field(page, "班组负责人").inner_text(), "the team head is shown by name"
	assert HEAD not in page.locator(".form-layout").inner_text(), "no staff e-mail address on the form"

	field(page, "补救措施").locator("textarea").fill("关闭阀门，更换渗漏的水管")
	field(page, "纠正措施").locator("textarea").fill("每季度检查卫生间立管")
	field(page, "处理结果").locator("textarea").fill("已修复，楼下不再渗水")
	page.get_by_role("button", name="保存").click()
	page.wait_for_selector(".page-title .indicator-pill:has-text('已下发')", timeout=20_000)

	choose_action(page, "上报处理结果")
	page.wait_for_selector(".page-title .indicator-pill:has-text('已上报')", timeout=20_000)
	frappe.db.rollback()  # a fresh read of what the browser's requests committed
	assert frappe.db.get_value("Handling Notice", issued_notice.name, "status") == "Reported"

	page.reload()
	page.wait_for_selector(".form-message:visible", timeout=20_000)
	assert page.locator(".form-message:visible", has_text="签字确认").count(), "he is told to sign it"
	choose_action(page, "签字确认")
	page.wait_for_selector(".page-title .indicator-pill:has-text('已签字确认')", timeout=20_000)

	frappe.db.rollback()
	notice = frappe.get_doc("Handling Notice", issued_notice.name)
	assert (notice.status, notice.signed_off_by) == ("Signed Off", HEAD)
	assert notice.remedial_measures == "关闭阀门，更换渗漏的水管"
	assert head_name in field(page, "签字确认人").inner_text(), "the signer is shown by name"
	result = frappe.db.get_value("Complaint Register", notice.complaint, "handling_result")
	assert "已修复" in result and head_name in result and HEAD not in result
