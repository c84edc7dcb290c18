"""The integration suite runs on a real Frappe site (scripts/test finds the bench and sets these)."""

import os
import subprocess
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("PS_BENCH", "/home/frappe/frappe-bench"))
SITE = os.environ.get("PS_SITE", "test_property_service.localhost")

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


@pytest.fixture(scope="session", autouse=True)
def site():
	if frappe is None:
		pytest.skip("the integration suite needs Frappe: run it through scripts/test")
	connect()
	yield
	frappe.destroy()


@pytest.fixture(autouse=True)
def rollback():
	"""Each test leaves the site as it found it."""
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.flags.pop("current_test_time", None)
