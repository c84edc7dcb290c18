"""A technician does a whole job on his phone in a real browser (headless Chromium, 390 x 844, Chinese):
his list, the order dispatched to him, Acknowledge, Start Work, a part with its quantity, Complete,
with nothing but visible, labelled buttons found by their Chinese text. Skipped, saying why, when there
is no Chromium or no Playwright (test_browser.py)."""

import re

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime
from frappe.utils.password import update_password

from tests.integration.conftest import cleanup
from tests.integration.factories import act, edit, ensure_base_data, ensure_user
from tests.integration.test_browser import PASSWORD, PHONE, browser, pytestmark, site_url  # noqa: F401

TECHNICIAN = "phone.technician@ps.test"
PROBLEM = "厨房水槽下水管漏水"


@pytest.fixture
def dispatched_order(site_url):  # noqa: F811 (the fixture of test_browser.py)
	base = ensure_base_data()
	ensure_user(TECHNICIAN, "手机师傅", ["Technician"])
	frappe.db.set_value("User", TECHNICIAN, "language", "zh")
	update_password(TECHNICIAN, PASSWORD)
	order = frappe.get_doc(
		{
			"doctype": "Repair Work Order",
			"resident": base.residents[0],
			"category": "测试日常维修 Test Routine Repair",
			"problem": PROBLEM,
			"requested_on": now_datetime(),
			"appointment_time": add_to_date(now_datetime(), hours=2),
		}
	).insert()
	order = act(edit(order, "assistant@ps.test", technician=TECHNICIAN), "Dispatch", "assistant@ps.test")
	frappe.db.commit()
	yield order
	cleanup("Repair Work Order", [order.name])


def on_screen(page, locator):
	"""Visible, and inside the phone's screen as it stands (no scrolling or swiping to reach it)."""
	locator.wait_for(state="visible")
	box = locator.bounding_box()
	viewport = page.viewport_size
	return (
		box["x"] >= 0
		and box["y"] >= 0
		and box["x"] + box["width"] <= viewport["width"]
		and box["y"] + box["height"] <= viewport["height"]
	)


def step(page, label: str):
	"""The labelled button of a step, as the technician sees it in the page head."""
	button = page.locator(".page-head:visible").get_by_role("button", name=label, exact=True)
	button.first.wait_for(state="visible", timeout=15_000)  # the form asks which steps are allowed
	assert button.count() == 1, f"one button labelled {label}"
	assert on_screen(page, button), f"{label} is on the screen, labelled"
	return button


def state(page, label: str):
	page.locator(".page-head:visible .indicator-pill", has_text=label).wait_for(
		state="visible", timeout=15_000
	)


def test_a_technician_does_a_whole_job_on_his_phone(site_url, browser, dispatched_order):  # noqa: F811
	page = browser.new_context(**PHONE).new_page()
	page.goto(f"{site_url}/login")
	page.fill("#login_email", TECHNICIAN)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20_000)

	# his list: his open work on the first screen, not a column of filters
	page.goto(f"{site_url}/app/repair-work-order")
	row = page.locator(".list-row-container", has_text=PROBLEM)
	row.wait_for(state="visible", timeout=20_000)
	assert on_screen(page, row), "the job is on the list's first screen"
	assert page.locator(".standard-filter-section .frappe-control:visible").count() <= 2
	assert row.locator(".indicator-pill:visible", has_text="已派工").count() == 1

	row.locator("a.ellipsis").first.click()
	page.wait_for_url(f"**/{dispatched_order.name}", timeout=20_000)
	state(page, "已派工")
	# what he needs first: where, whom to call, when, what is broken
	for fieldname in ("property_unit", "appointment_time", "problem"):
		assert on_screen(page, page.locator(f".form-layout .frappe-control[data-fieldname='{fieldname}']")), (
			fieldname
		)
	call = page.locator("a.ps-call")
	assert on_screen(page, call) and call.get_attribute("href") == "tel:13800000001"
	head = page.locator(".page-head:visible").inner_text()
	assert not re.search(r"Acknowledge|Start Work|Complete|Actions", head), "nothing English in the head"

	step(page, "确认接单").click()
	page.locator(".page-head:visible").get_by_role("button", name="确认接单").wait_for(state="detached")
	frappe.db.rollback()  # a fresh snapshot: the browser's requests committed in the site's own process
	assert frappe.db.get_value("Repair Work Order", dispatched_order.name, "acknowledged_on")

	step(page, "开始维修").click()
	state(page, "维修中")

	page.locator("[data-fieldname='diagnosis'] textarea").fill("下水管接口老化")
	page.locator("[data-fieldname='work_done'] textarea").fill("更换下水管接口")
	items = page.locator(".frappe-control[data-fieldname='items']")
	items.get_by_role("button", name="添加行").click()
	part = items.locator(".grid-body .grid-row").first
	part.locator("input[data-fieldname='description']").fill("下水管接口")
	part.locator(".grid-static-col[data-fieldname='qty']").click()
	part.locator("input[data-fieldname='qty']").fill("2")
	part.locator(".grid-static-col[data-fieldname='rate']").click()
	part.locator("input[data-fieldname='rate']").fill("15")
	for label in ("类型", "描述", "数量", "单价"):  # the table's columns fit the phone, no swiping
		assert on_screen(page, items.locator(".grid-heading-row .static-area", has_text=label).first), label

	step(page, "完工").click()
	state(page, "已完成")

	frappe.db.rollback()
	order = frappe.get_doc("Repair Work Order", dispatched_order.name)
	assert order.status == "Completed" and order.arrived_on and order.completed_on
	assert [(row.description, row.qty, row.rate) for row in order.items] == [("下水管接口", 2, 15)]
	assert order.parts_total == 30
	assert not frappe.db.exists(
		"ToDo", {"reference_name": order.name, "allocated_to": TECHNICIAN, "status": "Open"}
	), "the job is off his to-do list"
