"""The integration suite runs on a real Frappe site (scripts/test finds the bench and sets these)."""

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("PS_BENCH", "/home/frappe/frappe-bench"))
SITE = os.environ.get("PS_SITE", "property-test.localhost")
WORKERS = 4  # gunicorn workers of the `api` fixture

try:
	import frappe
except ImportError:  # run with the bench's Python; scripts/test does
	frappe = None


def pytest_collection_modifyitems(items):
	# install and migrate tests reinstall the app, so they run before anything that relies on its data
	items.sort(key=lambda item: 0 if "test_install" in item.nodeid else 1)


def connect():
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	frappe.flags.in_test = True
	# emails stay in the queue: sending one commits the transaction, which would keep a test's records
	# past its rollback (muting instead makes Frappe send through an account with no sender)
	if not frappe.db.get_default("suspend_email_queue"):
		frappe.db.set_default("suspend_email_queue", 1)
		frappe.db.commit()
	frappe.set_user("Administrator")


def bench(*args: str) -> str:
	"""Run a bench command on the test site, as bench itself runs it."""
	frappe.db.commit()
	result = subprocess.run(
		[
			str(BENCH / "env" / "bin" / "python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			SITE,
			*args,
		],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=900,
	)
	if result.returncode:
		raise AssertionError(f"bench {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
	return result.stdout


def run_queued_job(job_id: str):
	"""Run one queued background job as a worker runs it (in a process of its own, as the user who
	queued it), without running the rest of the bench's queue, which other sites share."""
	frappe.db.commit()
	code = (
		"import frappe\n"
		f"frappe.init(site={SITE!r}, sites_path='.')\n"
		"from frappe.utils.background_jobs import get_job\n"
		f"job = get_job({job_id!r})\n"
		"frappe.destroy()\n"
		"assert job is not None, 'no such job queued'\n"
		"job.perform()\n"
	)
	result = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-c", code],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=900,
	)
	if result.returncode:
		raise AssertionError(f"job {job_id} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session", autouse=True)
def site():
	if frappe is None:
		pytest.skip("the integration suite needs Frappe: run it through scripts/test")
	connect()
	erpnext_set_up()
	yield
	frappe.destroy()


# the company of the ERPNext site's tests
ERPNEXT_COMPANY, ERPNEXT_ABBR = "测试物业服务有限公司", "CSWY"


def erpnext_set_up():
	"""A site with ERPNext has been through its setup wizard, as a company running ERPNext has (until
	then its desk sends everyone to the wizard, the browser tests' users too)."""
	from property_service.integrations import erpnext

	if erpnext.on_site() and not frappe.db.exists("Company", ERPNEXT_COMPANY):
		erpnext.ensure_company(ERPNEXT_COMPANY, ERPNEXT_ABBR)
		frappe.db.commit()


@pytest.fixture(autouse=True)
def rollback():
	"""Each test leaves the site as it found it."""
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.flags.pop("current_test_time", None)
	# the process reads English between tests, as it starts: Frappe's importer, for one, switches it to
	# the user's language (the site's, Chinese on a site the demo has set up)
	frappe.local.lang = "en"


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
	"""The site served by gunicorn with several workers, and `call(method, path, payload)` to it as
	the customer service assistant (an API key); `base` is the test estate."""
	from tests.integration.factories import ensure_base_data

	base = ensure_base_data()
	user = frappe.get_doc("User", "assistant@ps.test")
	key = user.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_key, user.api_secret = key, secret
	user.save(ignore_permissions=True)
	frappe.db.commit()

	port = free_port()
	log = open(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", "w")
	server = subprocess.Popen(
		[
			str(BENCH / "env" / "bin" / "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(WORKERS),
			"-t",
			"120",
			"frappe.app:application",
			"--preload",
		],  # fmt: skip
		cwd=BENCH / "sites",
		stdout=log,
		stderr=subprocess.STDOUT,
	)

	def call(method: str, path: str, payload=None, token=f"{key}:{secret}"):
		request = urllib.request.Request(
			f"http://127.0.0.1:{port}{urllib.parse.quote(path, safe='/?=&,%')}",
			data=json.dumps(payload).encode() if payload is not None else None,
			method=method,
			headers={"Host": SITE, "Authorization": f"token {token}", "Content-Type": "application/json"},
		)
		try:
			with urllib.request.urlopen(request, timeout=120) as response:
				return response.status, json.loads(response.read() or b"{}")
		except urllib.error.HTTPError as error:
			return error.code, json.loads(error.read() or b"{}")

	for _attempt in range(60):
		try:
			if call("GET", "/api/method/ping")[0] == 200:
				break
		except OSError:
			time.sleep(0.5)
	else:
		server.terminate()
		pytest.fail("gunicorn did not come up")
	yield frappe._dict(call=call, base=base, url=f"http://127.0.0.1:{port}")
	server.terminate()
	server.wait(timeout=20)


def cleanup(doctype, names):
	"""What the test filed over HTTP is test data: taken away again (tests may; the app never deletes)."""
	for name in names:
		for child, field in (
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Return Visit", "reference_name"),
			("Deadline Alert", "reference_name"),
			("Deadline Alert", "case_name"),
			("Notification Log", "document_name"),
		):
			frappe.db.delete(child, {field: name})
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(table.options, {"parent": name, "parenttype": doctype})
		frappe.db.delete(doctype, {"name": name})
	frappe.db.commit()
