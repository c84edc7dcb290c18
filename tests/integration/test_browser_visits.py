"""A technician rectifies what a return visit found, on his phone in a real browser (headless Chromium,
390 x 844, Chinese): his notices listed by unit and problem, the notice's due time at the top, Rectified
Just Now as the page's one button, what was done recorded (RV-7). Skipped, saying why, when there is no
Chromium or no Playwright (test_browser.py)."""

import frappe
import pytest
from frappe.utils import now_datetime
from frappe.utils.password import update_password

from tests.integration.conftest import cleanup
from tests.integration.factories import edit, ensure_base_data, ensure_user, make_work_order, repair_and_sign
from tests.integration.test_browser import PASSWORD, PHONE, browser, pytestmark, site_url  # noqa: F401
from tests.integration.test_browser_technician import on_screen

TECHNICIAN = "phone.technician@ps.test"
PROBLEM = "插座面板仍有晃动，需加固底盒"


@pytest.fixture
def notice(site_url):  # noqa: F811 (the fixture of test_browser.py)
	base = ensure_base_data()
	ensure_user(TECHNICIAN, "手机师傅", ["Technician"])
	frappe.db.set_value("User", TECHNICIAN, "language", "zh")
	update_password(TECHNICIAN, PASSWORD)
	order = repair_and_sign(make_work_order(base))
	frappe.db.set_value("Repair Work Order", order.name, "technician", TECHNICIAN)
	visit = frappe.get_last_doc("Return Visit", filters={"reference_name": order.name})
	edit(visit, "assistant@ps.test", satisfied="Satisfied", problems_found=PROBLEM)
	notice = frappe.get_last_doc("Rectification Notice", filters={"return_visit": visit.name})
	frappe.db.commit()
	yield notice
	cleanup("Rectification Notice", [notice.name])
	cleanup("Return Visit", [visit.name])
	cleanup("Repair Work Order", [order.name])


def test_a_technician_rectifies_on_his_phone(site_url, browser, notice):  # noqa: F811
	assert notice.technician == TECHNICIAN and notice.property_unit
	page = browser.new_context(**PHONE).new_page()
	page.goto(f"{site_url}/login")
	page.fill("#login_email", TECHNICIAN)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20_000)

	page.goto(f"{site_url}/app/rectification-notice")
	unit = notice.property_unit.split("-", 1)[-1]
	row = page.locator(".list-row-container", has_text=PROBLEM)
	row.wait_for(state="visible", timeout=20_000)
	assert on_screen(page, row) and unit in row.inner_text(), "where and what, on the first screen"
	assert row.locator(".indicator-pill:visible", has_text="待整改").count() == 1

	row.locator("a.ellipsis").first.click()
	page.wait_for_url(f"**/{notice.name}", timeout=20_000)
	page.locator(".form-message", has_text="前整改").first.wait_for(state="visible", timeout=15_000)
	button = page.locator(".page-head:visible").get_by_role("button", name="刚刚已整改")
	button.wait_for(state="visible", timeout=15_000)
	assert on_screen(page, button), "the technician's step is the page's button"
	button.click()
	dialog = page.locator(".modal:visible")
	dialog.locator("textarea").fill("更换插座底盒并加固面板")
	dialog.get_by_role("button", name="记录").click()
	page.locator(".page-head:visible .indicator-pill", has_text="已整改").wait_for(
		state="visible", timeout=15_000
	)

	frappe.db.rollback()  # a fresh snapshot: the browser's requests committed in the site's own process
	done = frappe.get_doc("Rectification Notice", notice.name)
	assert (done.status, done.rectification) == ("Rectified", "更换插座底盒并加固面板")
	assert done.rectified_on <= now_datetime()
	assert not frappe.db.exists(
		"ToDo", {"reference_name": notice.name, "allocated_to": TECHNICIAN, "status": "Open"}
	), "off his to-do list"
