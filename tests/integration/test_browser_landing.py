"""Where staff land, at 1440 x 900 in Chinese: the Property Service workspace, first in the sidebar,
its shortcuts above the fold, its cards for the roles meant to see them and its charts labelled in
Chinese. Headless Chromium against the test site (the fixtures of test_browser.py); skipped, saying
why, without Chromium or Playwright."""

import re

import frappe
import pytest
from frappe.utils.password import update_password

from property_service.landing import land_existing_staff
from tests.integration.factories import ensure_base_data, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

MANAGER = "manager@ps.test"
DESK = {"viewport": {"width": 1440, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def manager(site_url):
	base = ensure_base_data()
	language = frappe.db.get_value("User", MANAGER, "language")
	frappe.db.set_value("User", MANAGER, "language", "zh")
	update_password(MANAGER, PASSWORD)
	land_existing_staff()
	complaint = make_complaint(base)  # an unresolved complaint for the chart by state
	frappe.db.commit()
	yield MANAGER
	frappe.db.set_value("User", MANAGER, "language", language)
	# test data, taken away again (tests may; the app never deletes)
	for doctype, field in (("ToDo", "reference_name"), ("Version", "docname")):
		frappe.db.delete(doctype, {field: complaint.name})
	frappe.db.delete("Complaint Register", {"name": complaint.name})
	frappe.db.commit()


def test_a_manager_lands_on_the_property_service_workspace(site_url, browser, manager):
	page = browser.new_context(**DESK).new_page()
	page.goto(f"{site_url}/login")
	page.fill("#login_email", manager)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app/property-service", timeout=30_000)

	first = page.locator(".desk-sidebar .sidebar-item-container").first
	first.wait_for()
	assert first.inner_text().strip() == "物业服务"
	shortcut = page.locator(".shortcut-widget-box", has_text="投诉登记表").first
	shortcut.wait_for()
	box = shortcut.bounding_box()
	assert box["y"] + box["height"] <= 900  # above the fold
	page.locator(".number-widget-box .number", has_text=re.compile(r"%|—")).first.wait_for()  # satisfaction
	page.locator(".widget.dashboard-widget-box svg .x.axis text").first.wait_for(timeout=30_000)
	page.wait_for_timeout(1500)
	axis_labels = page.locator(".widget.dashboard-widget-box svg .x.axis text").evaluate_all(
		"texts => texts.map((text) => text.textContent.trim()).filter(Boolean)"
	)
	assert any(re.fullmatch(r"\d{4}年\d{1,2}月", label) for label in axis_labels), axis_labels
	assert "已登记" in axis_labels, axis_labels
	assert not any(re.search(r"[A-Za-z]|\.\.", label) for label in axis_labels), axis_labels
