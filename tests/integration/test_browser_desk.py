"""The desk in a real browser at 1440 px, as the staff who use it: a team head records the remedial
measures on the handling notice issued to his team and reports and signs it with the form's own
labelled buttons. Headless Chromium against the test site (the fixtures of test_browser.py); skipped,
saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime
from frappe.utils.password import update_password

from tests.integration.factories import (
	STAFF,
	act,
	complete_notice,
	ensure_base_data,
	issue_notice,
	make_complaint,
)
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

HEAD = "head@ps.test"
ASSISTANT = "assistant@ps.test"
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


@pytest.fixture(scope="module")
def late_complaint(site_url):
	"""A complaint received five days ago, so its reply is late, whose team has reported its remedial
	measures and signed them off: the assistant has yet to tell the complainant. The assistant reads
	the desk in Chinese."""
	base = ensure_base_data()
	language = frappe.db.get_value("User", ASSISTANT, "language")
	frappe.db.set_value("User", ASSISTANT, "language", "zh")
	frappe.set_user(ASSISTANT)
	complaint = make_complaint(
		base, summary="浏览器测试：楼道积水", received_on=add_to_date(now_datetime(), days=-5)
	)
	frappe.set_user("Administrator")
	complaint = act(complaint, "Accept", ASSISTANT)
	notice = complete_notice(issue_notice(complaint))
	frappe.db.commit()
	yield frappe.get_doc("Complaint Register", complaint.name), notice
	frappe.db.rollback()
	visits = frappe.get_all("Return Visit", filters={"reference_name": complaint.name}, pluck="name")
	for doctype, names in (
		("Return Visit", visits),
		("Handling Notice", [notice.name]),
		("Complaint Register", [complaint.name]),
	):
		for name in names:
			for child, link in (
				("ToDo", "reference_name"),
				("Version", "docname"),
				("Comment", "reference_name"),
			):
				frappe.db.delete(child, {link: name})
			frappe.db.delete(doctype, {"name": name})
	frappe.db.set_value("User", ASSISTANT, "language", language)
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
	activity = page.locator(".new-timeline").inner_text()
	assert "已下发" in activity and "Issued" not in activity, "the activity names states in Chinese"
	assert "@ps.test" not in activity, "and people by name"
	result = frappe.db.get_value("Complaint Register", notice.complaint, "handling_result")
	assert "已修复" in result and head_name in result and HEAD not in result


def test_an_assistant_registers_on_one_screen_and_sees_what_is_late(site_url, browser, late_complaint):
	complaint, notice = late_complaint
	page = desk_log_in(browser, site_url, ASSISTANT)

	# registration: only what the assistant fills, the later steps' sections come when they apply
	page.goto(f"{site_url}/app/complaint-register/new")
	page.wait_for_selector(".frappe-control[data-fieldname=summary] input", timeout=20_000)
	page.wait_for_timeout(1000)
	shown = page.locator(".form-section:visible .section-head").all_inner_texts()
	for later in ("处理时限", "处理结果", "升级", "回访"):
		assert later not in [head.strip() for head in shown], f"{later} shown at registration"
	assert page.evaluate("document.scrollingElement.scrollHeight") < 1500, "about one and a half screens"

	# the list of open work shows the late complaint in red, its number whole
	page.goto(f"{site_url}/app/complaint-register?name={complaint.name}")
	row = page.locator(".list-row-container", has_text=complaint.name)
	row.wait_for(timeout=20_000)
	pill = row.locator(".list-row-col .indicator-pill:visible")
	assert "逾期" in pill.inner_text() and "red" in pill.get_attribute("class")

	# the form says what to tell the complainant until it is recorded
	page.goto(f"{site_url}/app/complaint-register/{complaint.name}")
	message = page.locator(".form-message:visible", has_text="记录已告知投诉人")
	message.wait_for(timeout=20_000)
	assert notice.remedial_measures in message.inner_text()
	assert page.get_by_role("button", name="记录已告知投诉人").is_visible()

	# resolved, the visit is scheduled: the form opens it rather than offering Start Return Visit
	act(complaint, "Resolve", ASSISTANT)
	frappe.db.commit()
	page.reload()
	page.get_by_role("button", name="打开回访").wait_for(timeout=20_000)
	page.wait_for_timeout(1500)
	assert page.locator(".dropdown-item:has-text('开始回访')").count() == 0
	page.get_by_role("button", name="打开回访").click()
	page.wait_for_url("**/app/return-visit/RV-*", timeout=20_000)
