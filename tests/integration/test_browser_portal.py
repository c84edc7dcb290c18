"""A resident on a phone, in Chinese: the login page names the company, and the portal's pages speak
Chinese and name staff, never showing their e-mail addresses. Headless Chromium against the test site
(the fixtures of test_browser.py); skipped, saying why, without Chromium or Playwright."""

import re

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from tests.integration.factories import (
	STAFF,
	act,
	ensure_base_data,
	ensure_estate,
	ensure_resident_user,
	make_complaint,
)
from tests.integration.test_browser import PASSWORD, PHONE, browser, log_in, pytestmark, site_url

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

COMPANY = "翠湖物业服务有限公司"
RESIDENT = "browser-zh@ps.test"
# what a page may show in Latin letters: record numbers (CMP-2026-00042, RWO-…, RV-…)
RECORD_NUMBER = re.compile(r"\b[A-Z]{2,4}-\d{4}-\d{3,6}(?:-\d+)?\b")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def household(site_url):
	"""The company named in the settings; a household whose resident reads Chinese, with a complaint
	that has gone some way: accepted, told what is being done, and a result whose older text named
	the signer by e-mail address."""
	settings = frappe.get_single("Property Service Settings")
	if settings.company_name != COMPANY:
		settings.company_name = COMPANY
		settings.save()
	base = ensure_base_data()
	# an estate of its own, named in Chinese, whose records are only this test's
	estate = ensure_estate("翠湖测试苑", {"1栋": [("901", "周小兰", "13800000901")]})
	resident = estate.residents[0]
	ensure_resident_user(resident, RESIDENT, PASSWORD)
	frappe.db.set_value("User", RESIDENT, "language", "zh")
	complaint = act(
		make_complaint(
			base,
			resident=resident,
			received_on=add_to_date(now_datetime(), hours=-5),
			summary="楼道灯不亮",
			description="三楼楼道灯坏了，晚上看不清楼梯。",
		),
		"Accept",
		"assistant@ps.test",
	)
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		{
			"replied_on": add_to_date(now_datetime(), hours=-1),
			"handling_result": f"{complaint.name}-1，签核人 head@ps.test：已更换灯泡。",
		},
		update_modified=False,
	)
	frappe.db.commit()
	# the test staff's bilingual names, which the app does not write
	return frappe._dict(complaint=complaint.name, data=(frappe.utils.get_fullname("head@ps.test"),))


def english_on(page, household) -> list[str]:
	"""Latin words the page shows, leaving out record numbers and the test staff's names."""
	text = page.inner_text("body")
	for value in household.data:
		text = text.replace(value or "", "")
	return LATIN_WORD.findall(RECORD_NUMBER.sub("", text))


def no_staff_address(page):
	html = page.content()
	assert not [email for email in STAFF if email in html], "a staff e-mail address on the portal"
	assert "@" not in page.inner_text("body")


def test_the_login_page_names_the_company_in_chinese(site_url, browser, household):
	page = browser.new_context(**PHONE).new_page()
	page.goto(f"{site_url}/login")
	text = page.inner_text("body")
	assert f"登录到{COMPANY}" in text.replace(" ", "")
	assert "Frappe" not in text and "Login" not in text
	logo = page.locator("img.app-logo:visible")
	assert logo.count() == 1
	company_logo = frappe.db.get_single_value("Property Service Settings", "company_logo")
	assert not company_logo or logo.get_attribute("src") == company_logo


def test_a_resident_walks_the_portal_on_a_phone_in_chinese(site_url, browser, household):
	page = log_in(browser, site_url, RESIDENT)
	assert page.viewport_size["width"] == 390
	assert COMPANY in page.inner_text(".navbar-brand")
	assert "我的服务" in page.inner_text("body")
	assert english_on(page, household) == []
	no_staff_address(page)

	page.click(f"a[href*='name={household.complaint}']")
	page.wait_for_url("**/my-requests/detail**")
	text = page.inner_text("body")
	for step in ("已收到投诉", "已受理", "已告知处理措施"):
		assert step in text, step
	assert frappe.utils.get_fullname("head@ps.test") in text, "the signer by name"
	assert english_on(page, household) == []
	no_staff_address(page)

	page.goto(f"{site_url}/survey-results")
	assert english_on(page, household) == []
	no_staff_address(page)
	page.click("a[href='/my-requests']")
	page.wait_for_url("**/my-requests")
	assert "我要投诉" in page.inner_text("body")
