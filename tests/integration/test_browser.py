"""The resident portal in a real browser: headless Chromium on a phone-sized screen against the test
site served by Frappe. Skipped, saying why, when there is no Chromium or no Playwright."""

import base64
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import frappe
import pytest
from frappe.utils.password import update_password

from property_service.demo_estate import mark_frappe_set_up
from tests.integration.conftest import BENCH, SITE, free_port
from tests.integration.factories import SIGNATURE, ensure_base_data, ensure_resident_user

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

pytestmark = pytest.mark.skipif(
	not (CHROMIUM and sync_playwright),
	reason="browser tests need Chromium (Debian's chromium package) and Playwright (pip install playwright)",
)
PASSWORD = "Portal@2026"
RESIDENTS = ("browser101@ps.test", "browser102@ps.test")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
	base = ensure_base_data()
	for resident, email in zip(base.residents, RESIDENTS, strict=True):
		ensure_resident_user(resident, email, PASSWORD)
		# one reads the portal in Chinese, the other in English
		frappe.db.set_value("User", email, "language", "zh" if email == RESIDENTS[0] else "en")
	frappe.db.set_single_value("System Settings", "setup_complete", 1)  # staff go straight to the desk
	mark_frappe_set_up()
	update_password("assistant@ps.test", PASSWORD)
	frappe.db.commit()

	port = free_port()
	log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w")
	server = subprocess.Popen(
		[
			str(BENCH / "env" / "bin" / "python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"serve",
			"--port",
			str(port),
			"--noreload",
		],  # fmt: skip
		cwd=BENCH / "sites",
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://{SITE}:{port}"
	request = urllib.request.Request(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": SITE})
	for _attempt in range(60):
		try:
			urllib.request.urlopen(request, timeout=2)
			break
		except OSError:
			time.sleep(0.5)
	else:
		server.terminate()
		pytest.fail(f"the test site did not come up on port {port}: {Path(log.name).read_text()[-2000:]}")
	yield url
	server.terminate()
	server.wait(timeout=10)
	# what the browser filed is test data: take it away again (tests may; the app never deletes)
	filed = frappe.get_all("Complaint Register", filters={"owner": ("in", RESIDENTS)}, pluck="name")
	filed += frappe.get_all("Complaint Register", filters={"summary": ("like", "%onerror%")}, pluck="name")
	for name in filed:
		for doctype, field in (
			("File", "attached_to_name"),
			("ToDo", "reference_name"),
			("Version", "docname"),
		):
			frappe.db.delete(doctype, {field: name})
		frappe.db.delete("Complaint Register", {"name": name})
	frappe.db.commit()


@pytest.fixture(scope="module")
def browser():
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path=CHROMIUM,
			args=["--no-sandbox", "--host-resolver-rules=MAP *.localhost 127.0.0.1"],
		)
		yield browser
		browser.close()


def log_in(browser, url: str, email: str):
	page = browser.new_context(**PHONE).new_page()
	page.goto(f"{url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/my-requests**", timeout=20_000)
	return page


def fetch(page, path: str) -> tuple[int, str]:
	"""A request from inside the page, with its session, as the phone's browser would send it."""
	return tuple(
		page.evaluate("async (p) => { const r = await fetch(p); return [r.status, await r.text()]; }", path)
	)


def test_a_resident_files_a_complaint_with_a_photo_on_a_phone_and_another_cannot_open_it(
	site_url, browser, tmp_path
):
	photo = tmp_path / "leak.png"
	photo.write_bytes(base64.b64decode(SIGNATURE.split(",")[1]))
	summary = f"浏览器测试 Browser test {time.time_ns()}"

	page = log_in(browser, site_url, RESIDENTS[0])
	assert "我要投诉" in page.content(), "the portal speaks the resident's language"
	page.click("a[href='/my-requests/new?kind=complaint']")
	page.fill("#ps-summary", summary)
	page.fill("#ps-description", "卫生间天花板滴水 Water dripping from the ceiling")
	page.set_input_files("#ps-photos", str(photo))
	page.click("#ps-new button[type=submit]")
	page.wait_for_url("**/my-requests/detail**", timeout=20_000)
	assert summary in page.content()
	assert page.locator("img[src^='/private/files/']").count() == 1
	photo_url = page.locator("img[src^='/private/files/']").first.get_attribute("src")
	assert fetch(page, photo_url)[0] == 200, "their own photo opens"
	detail_url = page.url

	page.goto(f"{site_url}/my-requests")
	assert summary in page.content()
	assert page.viewport_size["width"] == 390

	other = log_in(browser, site_url, RESIDENTS[1])
	assert "File a Complaint" in other.content()
	response = other.goto(detail_url)
	assert response.status == 404 and summary not in other.content()
	name = detail_url.rsplit("name=", 1)[1]
	status, body = fetch(other, f"/api/resource/Complaint Register/{name}")
	assert status == 403 and summary not in body
	status, body = fetch(other, '/api/resource/Complaint Register?fields=["name","summary"]')
	assert status == 200 and name not in body and summary not in body, "their own household's only"
	assert fetch(other, photo_url)[0] == 403


def test_what_residents_typed_is_inert_in_the_desk(site_url, browser):
	script = "<img src=x onerror=alert(1)><script>alert(2)</script>"
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"channel": "Telephone",
			"resident": ensure_base_data().residents[0],
			"summary": script,
			"description": script,
		}
	).insert()
	frappe.db.commit()
	page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
	dialogs = []
	page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
	page.goto(f"{site_url}/login")
	page.fill("#login_email", "assistant@ps.test")
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20_000)
	for route in (f"/app/complaint-register/{complaint.name}", "/app/complaint-register"):
		page.goto(f"{site_url}{route}")
		page.wait_for_timeout(2500)
	assert dialogs == [], "a script typed into a complaint ran in the desk"
