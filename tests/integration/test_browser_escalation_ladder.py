"""ES-5 in a real browser at 1440 px, in Chinese: the property manager drags the office director below
the company's manager in Property Service Settings and names that level as the company does (seed 002);
the estate's form then lists the ladder in that order, and the supervisor holding an escalated complaint
is offered Escalate to the office director, not to the manager. Headless Chromium against the test site
(the fixtures of test_browser.py); skipped, saying why, without Chromium or Playwright."""

import frappe
import pytest
from frappe.utils.password import update_password

from property_service.rules import escalation
from tests.integration.factories import act, edit, ensure_base_data, make_complaint
from tests.integration.test_browser import PASSWORD, browser, pytestmark, site_url
from tests.integration.test_browser_desk import desk_log_in

__all__ = ["browser", "pytestmark", "site_url"]  # the fixtures, shared with test_browser.py

MANAGER, SUPERVISOR = "manager@ps.test", "supervisor@ps.test"
SETTINGS = "Property Service Settings"


def todays_ladder():
	settings = frappe.get_doc(SETTINGS)
	settings.set("escalation_ladder", [{"level": level} for level in escalation.LEVELS])
	settings.major_complaint_level, settings.important_complaint_level = "Manager", None
	settings.save()
	frappe.clear_document_cache(SETTINGS, SETTINGS)


@pytest.fixture(scope="module")
def escalated(site_url):
	base = ensure_base_data()
	languages = {user: frappe.db.get_value("User", user, "language") for user in (MANAGER, SUPERVISOR)}
	for user in languages:
		frappe.db.set_value("User", user, "language", "zh")
		update_password(user, PASSWORD)
	todays_ladder()
	complaint = act(make_complaint(base, summary="浏览器测试：升级顺序"), "Accept", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", escalation_reason="前台无法答复")
	complaint = act(complaint, "Escalate to Supervisor", "assistant@ps.test")
	frappe.db.commit()
	yield complaint
	todays_ladder()
	# what the test made is test data: take it away again (tests may; the app never deletes)
	for child, link in (("ToDo", "reference_name"), ("Version", "docname"), ("Comment", "reference_name")):
		frappe.db.delete(child, {link: complaint.name})
	frappe.db.delete("Complaint Escalation", {"parent": complaint.name})
	frappe.db.delete("Complaint Register", {"name": complaint.name})
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
	frappe.db.commit()


def ladder_rows(grid) -> list[tuple[str, str]]:
	rows = grid.locator(".grid-body .grid-row")
	return [tuple(rows.nth(i).locator(".static-area").all_inner_texts()[:2]) for i in range(rows.count())]


def offered_actions(page) -> list[str]:
	page.get_by_role("button", name="操作").click()
	items = page.locator(".dropdown-menu.show .dropdown-item:visible").all_inner_texts()
	page.keyboard.press("Escape")
	return [item.strip() for item in items]


def test_the_company_puts_the_director_below_its_manager(site_url, browser, escalated):
	page = desk_log_in(browser, site_url, MANAGER)
	page.goto(f"{site_url}/app/property-service-settings")
	page.locator(".form-tabs .nav-link", has_text="投诉").click()
	grid = page.locator(".frappe-control[data-fieldname='escalation_ladder']").first
	grid.scroll_into_view_if_needed()
	assert [row[0] for row in ladder_rows(grid)] == ["客服助理", "客服主管", "物业经理", "管理处主任"]
	assert not grid.locator(".grid-add-row:visible").count(), "every level is on the ladder once"

	# drag the director's row (4th) above the manager's (3rd), by its handle, as a person would
	rows = grid.locator(".grid-body .grid-row")
	source, target = (rows.nth(n).locator(".row-index").first.bounding_box() for n in (3, 2))
	x, y = source["x"] + source["width"] / 2, source["y"] + source["height"] / 2
	page.mouse.move(x, y)
	page.mouse.down()
	for step in range(1, 16):
		page.mouse.move(x, y - (source["y"] - target["y"] + 10) * step / 15)
		page.wait_for_timeout(30)
	page.mouse.up()
	assert [row[0] for row in ladder_rows(grid)] == ["客服助理", "客服主管", "管理处主任", "物业经理"]

	# the manager's level as this company calls it
	manager_row = grid.locator(".grid-body .grid-row").nth(3)
	manager_row.locator(".grid-static-col[data-fieldname='level_name']").click()
	manager_row.locator("[data-fieldname='level_name'] input").fill("物业公司经理")
	page.keyboard.press("Tab")  # Frappe's grid adds a row on Tab from the last field: taken out again
	page.keyboard.press("Control+s")
	page.wait_for_selector(
		".alert-message:has-text('已保存'), .desk-alert:has-text('已保存')", timeout=20_000
	)

	frappe.db.rollback()  # a fresh read of what the browser's requests committed
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	saved = frappe.get_doc(SETTINGS).escalation_ladder
	assert [(row.level, row.level_name) for row in saved] == [
		("Assistant", None),
		("Supervisor", None),
		("Director", None),
		("Manager", "物业公司经理"),
	]

	page.goto(f"{site_url}/app/estate/{escalated.estate}")
	ladder = page.locator(".frappe-control[data-fieldname='escalation_ladder_html'] tbody tr")
	ladder.first.wait_for(timeout=20_000)
	assert [ladder.nth(i).locator("td").nth(1).inner_text() for i in range(ladder.count())] == [
		"客服助理",
		"客服主管",
		"管理处主任",
		"物业公司经理",
	]

	page = desk_log_in(browser, site_url, SUPERVISOR)
	page.goto(f"{site_url}/app/complaint-register/{escalated.name}")
	page.wait_for_selector(".page-title .indicator-pill:has-text('已升级至客服主管')", timeout=20_000)
	offered = offered_actions(page)
	assert "升级至管理处主任" in offered and "升级至物业经理" not in offered
