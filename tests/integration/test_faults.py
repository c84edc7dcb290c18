"""Faults in real processes: a sweep whose database connection is cut mid-batch, a month-end sampling
worker killed mid-way, Redis restarted. Afterwards every record is fully done or not started, and
running the job again completes it exactly once.

The jobs run in their own processes (the bench's Python on the test site) so that their commits and
their deaths are real; what they leave behind is test data and is taken away at the end."""

import subprocess
import textwrap
import time
from urllib.parse import urlparse

import frappe
import pytest
from frappe.utils import add_months, add_to_date, get_first_day, getdate, now_datetime

from tests.integration.conftest import BENCH, SITE, cleanup
from tests.integration.factories import ensure_base_data, make_complaint, make_work_order, repair_and_sign


def run_job(tmp_path, body: str) -> subprocess.CompletedProcess:
	script = tmp_path / "job.py"
	script.write_text(
		textwrap.dedent(
			f"""
			import frappe
			frappe.init(site={SITE!r}, sites_path=".")
			frappe.connect()
			frappe.set_user("Administrator")
			"""
		)
		+ textwrap.dedent(body)
	)
	frappe.db.commit()
	result = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), str(script)],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=300,
	)
	frappe.db.rollback()  # read what the job committed
	return result


def trail(name: str) -> tuple[int, int, int, int]:
	return (
		frappe.db.count("Deadline Alert", {"case_name": name, "alert": "Deadline Breach"}),
		frappe.db.count("Complaint Escalation", {"parent": name}),
		frappe.db.count("ToDo", {"reference_name": name, "status": "Open"}),
		frappe.db.count("Notification Log", {"document_name": name}),
	)


@pytest.fixture
def late_complaints():
	base = ensure_base_data()
	names = [
		make_complaint(base, received_on=add_to_date(now_datetime(), days=-3 * 365, hours=-hour)).name
		for hour in range(5)
	]
	frappe.db.commit()
	yield names
	cleanup("Complaint Register", names)


def test_a_sweep_whose_connection_is_cut_mid_batch_leaves_whole_batches_and_finishes_on_the_next_run(
	tmp_path, late_complaints
):
	cut = run_job(
		tmp_path,
		"""
		from property_service import deadline_sweep
		mark_late, calls = deadline_sweep.mark_late, []

		def cut_in_the_second_batch(*args, **kwargs):
			calls.append(1)
			if len(calls) == 2:
				# the database drops this connection in the middle of the batch's transaction
				frappe.db.sql("kill connection_id()")
			return mark_late(*args, **kwargs)

		deadline_sweep.mark_late = cut_in_the_second_batch
		# each batch's alerts carried out in this process as soon as it is claimed (a worker's job
		# otherwise; test_deadline_sweep_outbox.py kills that worker)
		deadline_sweep.sweep((deadline_sweep.COMPLAINT_ACCEPTANCE,), batch_size=2, carry_out_now=True)
		""",
	)
	assert cut.returncode != 0 and (
		"Lost connection" in cut.stderr or "2013" in cut.stderr or "1927" in cut.stderr
	)
	left = [trail(name) for name in late_complaints]
	assert sorted(left) == [(0, 0, 0, 0)] * 3 + [(1, 1, 1, 1)] * 2, (
		"the first batch whole, the second not begun"
	)

	again = run_job(
		tmp_path,
		"""
		from property_service import deadline_sweep
		deadline_sweep.sweep((deadline_sweep.COMPLAINT_ACCEPTANCE,), batch_size=2, carry_out_now=True)
		deadline_sweep.sweep((deadline_sweep.COMPLAINT_ACCEPTANCE,), batch_size=2, carry_out_now=True)
		""",
	)
	assert again.returncode == 0, again.stderr
	assert [trail(name) for name in late_complaints] == [(1, 1, 1, 1)] * 5


@pytest.fixture
def last_months_orders():
	base = ensure_base_data()
	month = get_first_day(add_months(getdate(), -1))
	names = []
	for day in range(6):
		order = repair_and_sign(make_work_order(base))
		when = add_to_date(month, days=day + 1, hours=10)
		frappe.db.set_value("Repair Work Order", order.name, {"completed_on": when, "requested_on": when})
		names.append(order.name)
	frappe.db.delete("Visit Sample", {"estate": base.estate, "month": month})
	frappe.db.commit()
	yield frappe._dict(estate=base.estate, month=month, orders=names)
	samples = frappe.get_all("Visit Sample", filters={"estate": base.estate, "month": month}, pluck="name")
	frappe.db.delete("Return Visit", {"visit_sample": ("in", samples or [""])})
	frappe.db.delete("Visit Sample Order", {"parent": ("in", samples or [""])})
	frappe.db.delete("Visit Sample", {"name": ("in", samples or [""])})
	for name in names:
		for doctype, field in (
			("Return Visit", "reference_name"),
			("ToDo", "reference_name"),
			("Version", "docname"),
		):
			frappe.db.delete(doctype, {field: name})
		frappe.db.delete("Repair Work Order", {"name": name})
	frappe.db.commit()


def test_a_sampling_worker_killed_mid_way_leaves_nothing_half_done_and_the_rerun_samples_once(
	tmp_path, last_months_orders
):
	killed = run_job(
		tmp_path,
		"""
		import os, signal
		from property_service.property_service.doctype.visit_sample import visit_sample
		schedule, made = visit_sample.schedule_visit, []

		def killed_after_the_second_visit(*args, **kwargs):
			made.append(schedule(*args, **kwargs))
			if len(made) == 2:
				os.kill(os.getpid(), signal.SIGKILL)  # the worker dies; nothing is committed for this estate
			return made[-1]

		visit_sample.schedule_visit = killed_after_the_second_visit
		visit_sample.sample_last_month()
		""",
	)
	assert killed.returncode == -9
	estate, month = last_months_orders.estate, last_months_orders.month
	assert not frappe.db.exists("Visit Sample", {"estate": estate, "month": month})
	assert not frappe.db.count(
		"Return Visit", {"reference_name": ("in", last_months_orders.orders), "visit_kind": "Monthly Sample"}
	)

	again = run_job(
		tmp_path,
		"""
		from property_service.property_service.doctype.visit_sample.visit_sample import sample_last_month
		sample_last_month()
		sample_last_month()
		""",
	)
	assert again.returncode == 0, again.stderr
	(sample,) = frappe.get_all(
		"Visit Sample", filters={"estate": estate, "month": month}, fields=["name", "sample_size"]
	)
	assert sample.sample_size == 5  # fewer than 20 orders: 5 (RV-4)
	visits = frappe.get_all("Visit Sample Order", filters={"parent": sample.name}, pluck="return_visit")
	assert len(visits) == len(set(visits)) == 5 and all(visits)


def test_the_sweeps_carry_on_after_redis_restarts(tmp_path, late_complaints):
	port = urlparse(frappe.conf.redis_cache).port
	subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True, check=False)
	restarted = subprocess.run(
		[
			"redis-server",
			"--daemonize",
			"yes",
			"--bind",
			"127.0.0.1",
			"--port",
			str(port),
			"--dir",
			"/tmp",
			"--save",
			"",
			"--appendonly",
			"no",
		],  # fmt: skip
		capture_output=True,
		text=True,
	)
	assert restarted.returncode == 0, restarted.stderr
	for _attempt in range(20):
		if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0:
			break
		time.sleep(0.25)
	frappe.cache.delete_value("nothing")  # this process reconnects too
	after = run_job(
		tmp_path,
		"""
		from property_service import deadline_sweep
		deadline_sweep.sweep((deadline_sweep.COMPLAINT_ACCEPTANCE,), carry_out_now=True)
		""",
	)
	assert after.returncode == 0, after.stderr
	assert [trail(name) for name in late_complaints] == [(1, 1, 1, 1)] * 5
