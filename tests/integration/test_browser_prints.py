"""The reports' paper forms in a real browser at 1440 px, as the supervisor prints them in Chinese: the
Monthly Complaint Summary (投诉汇总报告) and the Return Visit Summary Sheet (回访记录汇总表) print with
the company's form code and name, the month's figures and the analysis (RC-4, RE-2). Their print
templates are rendered by the desk, so only a browser shows them. Headless Chromium against the test
site (the fixtures of test_browser.py); skipped, saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils import getdate
from frappe.utils.password import update_password

from tests.integration.factories import ensure_base_data, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url
from tests.integration.test_browser_desk import desk_log_in

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

SUPERVISOR = "supervisor@ps.test"
SETTINGS = "Property Service Settings"


@pytest.fixture(scope="module")
def supervisor_in_chinese(site_url):
	base = ensure_base_data()
	language = frappe.db.get_value("User", SUPERVISOR, "language")
	company = frappe.db.get_single_value(SETTINGS, "company_name")
	frappe.db.set_value("User", SUPERVISOR, "language", "zh")
	frappe.db.set_single_value(SETTINGS, "company_name", "浏览器测试物业公司")
	update_password(SUPERVISOR, PASSWORD)
	complaint = make_complaint(base, channel="Walk-in", summary="浏览器测试：月报")
	frappe.db.commit()
	yield base
	frappe.db.delete("Complaint Register", {"name": complaint.name})
	for child, link in (("ToDo", "reference_name"), ("Version", "docname"), ("Comment", "reference_name")):
		frappe.db.delete(child, {link: complaint.name})
	frappe.db.set_value("User", SUPERVISOR, "language", language)
	frappe.db.set_single_value(SETTINGS, "company_name", company)
	frappe.db.commit()


def print_of(page, path: str) -> str:
	"""The report's print, as its Print menu item opens it: a new window with the template rendered."""
	page.goto(path)
	# the report has run for the filters: its headline figures are in
	page.wait_for_selector(".report-summary .summary-item", timeout=30_000)
	with page.context.expect_page() as opened:
		page.evaluate("frappe.query_report.print_report({orientation: 'Portrait'})")
	window = opened.value
	window.wait_for_load_state()
	return window.content()


def test_the_monthly_summary_prints_as_the_company_s_form(site_url, browser, supervisor_in_chinese):
	base = supervisor_in_chinese
	today = getdate()
	page = desk_log_in(browser, site_url, SUPERVISOR)
	html = print_of(
		page,
		f"{site_url}/app/query-report/Monthly Complaint Summary?estate={base.estate}"
		f"&year={today.year}&month={today.month}",
	)
	assert "用户投诉汇总报告" in html and "表单编号 Form No. J-65" in html and "浏览器测试物业公司" in html
	assert "总体情况" in html and "受理投诉数" in html and "来访" in html  # the figures, in Chinese
	assert "受理投诉" in html.split("Analysis</small>")[1]  # the analysis written from them
	assert "审核" in html and "填表人" in html
	page.context.close()


def test_the_return_visit_summary_sheet_prints_with_its_signatures(site_url, browser, supervisor_in_chinese):
	page = desk_log_in(browser, site_url, SUPERVISOR)
	html = print_of(  # the site's visits of all time: the test site has some, other tests' and the demo's
		page,
		f"{site_url}/app/query-report/Return Visit Summary Sheet?from_date=2020-01-01&to_date={getdate()}",
	)
	assert "回访记录汇总表" in html and "浏览器测试物业公司" in html and "客服主管审核" in html
	page.context.close()
