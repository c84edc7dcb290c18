"""The deadline sweep's outbox in real processes (ES-3): alerts claimed and committed To Carry Out, then
carried out by background workers that are killed half-way or run two at once. Afterwards each alert is
Carried Out and each of its effects (the escalation, the assignment, the notification, the history)
exists exactly once.

The workers run in processes of their own on the test site, so that their commits and their deaths are
real; what they leave behind is test data and is taken away at the end."""

import json
import signal
import subprocess
import textwrap
import time
from unittest import mock

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from property_service import deadline_sweep
from tests.integration.conftest import BENCH, SITE, cleanup, run_queued_job
from tests.integration.factories import ensure_base_data, make_complaint

LATE_COMPLAINTS = 6


def job_script(tmp_path, name: str, body: str):
	script = tmp_path / f"{name}.py"
	script.write_text(
		textwrap.dedent(
			f"""
			import json, os, signal, sys, time
			import frappe
			frappe.init(site={SITE!r}, sites_path=".")
			frappe.connect()
			frappe.set_user("Administrator")
			from property_service import deadline_sweep
			"""
		)
		+ textwrap.dedent(body)
	)
	return [str(BENCH / "env" / "bin" / "python"), str(script)]


def run_job(tmp_path, body: str, name: str = "job") -> subprocess.CompletedProcess:
	frappe.db.commit()
	result = subprocess.run(
		job_script(tmp_path, name, body), cwd=BENCH / "sites", capture_output=True, text=True, timeout=300
	)
	frappe.db.rollback()  # read what the job committed
	return result


def claim(tmp_path, names: list[str], watches: str) -> list[str]:
	"""The sweep's first half only, in a process of its own: the alerts of `names` written and committed,
	nothing carried out yet. The complaints are the oldest late ones on the site, so one batch of their
	number claims exactly them."""
	claimed = run_job(
		tmp_path,
		f"""
		settings = deadline_sweep.get_settings()
		names = []
		for watch in {watches}:
			batches = deadline_sweep.claim_batches(
				watch, deadline_sweep.BREACH, frappe.utils.now_datetime(), settings, {len(names)}
			)
			names += next(batches)[2]
		print(json.dumps(names))
		""",
		"claim",
	)
	assert claimed.returncode == 0, claimed.stderr
	alerts = json.loads(claimed.stdout.strip().splitlines()[-1])
	cases = frappe.get_all("Deadline Alert", filters={"name": ("in", alerts)}, pluck="case_name")
	assert sorted(set(cases)) == sorted(names), "the batch holds this test's complaints only"
	return alerts


def effects(name: str) -> frappe._dict:
	"""What the alerts of a complaint left, counted."""
	return frappe._dict(
		alerts=frappe.db.count("Deadline Alert", {"case_name": name}),
		carried_out=frappe.db.count("Deadline Alert", {"case_name": name, "status": "Carried Out"}),
		escalations=frappe.db.count("Complaint Escalation", {"parent": name}),
		todos=frappe.db.count("ToDo", {"reference_name": name, "status": "Open"}),
		notifications=frappe.db.count("Notification Log", {"document_name": name, "type": "Alert"}),
		assignment_notifications=frappe.db.count(
			"Notification Log", {"document_name": name, "type": "Assignment"}
		),
		marked_in_history=frappe.db.count(
			"Version", {"docname": name, "data": ("like", '%["deadline_breached",0,1]%')}
		),
		escalated_in_history=frappe.db.count(
			"Version", {"docname": name, "data": ("like", '%["escalation_level","Assistant","Supervisor"]%')}
		),
		level=frappe.db.get_value("Complaint Register", name, "escalation_level"),
	)


NOTHING_YET = dict(
	carried_out=0,
	escalations=0,
	todos=0,
	notifications=0,
	assignment_notifications=0,
	marked_in_history=0,
	escalated_in_history=0,
	level="Assistant",
)


def carried_out_once(alerts: int) -> dict:
	"""One complaint's effects when its `alerts` breaches (all claimed from the front desk) are carried
	out: one step up, one assignment, one notification per alert, and each in the history once."""
	return dict(
		alerts=alerts,
		carried_out=alerts,
		escalations=1,
		todos=1,
		notifications=alerts,
		assignment_notifications=0,
		marked_in_history=1,
		escalated_in_history=1,
		level="Supervisor",
	)


@pytest.fixture
def late_complaints():
	"""Complaints received years ago and never accepted: older than anything else on the site."""
	base = ensure_base_data()
	names = [
		make_complaint(base, received_on=add_to_date(now_datetime(), days=-4 * 365, hours=-hour)).name
		for hour in range(LATE_COMPLAINTS)
	]
	frappe.db.commit()
	yield names
	cleanup("Complaint Register", names)


def test_claimed_alerts_wait_to_be_carried_out_with_their_documents_marked(tmp_path, late_complaints):
	alerts = claim(tmp_path, late_complaints, "(deadline_sweep.COMPLAINT_ACCEPTANCE,)")
	assert len(alerts) == LATE_COMPLAINTS
	assert set(frappe.get_all("Deadline Alert", filters={"name": ("in", alerts)}, pluck="status")) == {
		"To Carry Out"
	}
	for name in late_complaints:
		assert frappe.db.get_value("Complaint Register", name, "deadline_breached") == 1
		assert effects(name) == {"alerts": 1, **NOTHING_YET}


def test_a_worker_killed_mid_batch_leaves_each_alert_whole_and_the_pick_up_finishes_them_once(
	tmp_path, late_complaints
):
	alerts = claim(tmp_path, late_complaints, "(deadline_sweep.COMPLAINT_ACCEPTANCE,)")

	killed = run_job(
		tmp_path,
		f"""
		notify, calls = deadline_sweep.notify, []

		def killed_while_notifying_the_third(*args, **kwargs):
			calls.append(1)
			if len(calls) == 3:
				# the third alert's escalation and assignment are written, not committed: the worker dies
				os.kill(os.getpid(), signal.SIGKILL)
			return notify(*args, **kwargs)

		deadline_sweep.notify = killed_while_notifying_the_third
		deadline_sweep.carry_out({alerts!r})
		""",
		"killed",
	)
	assert killed.returncode == -signal.SIGKILL, killed.stderr
	left = sorted((effects(name) for name in late_complaints), key=lambda e: e.carried_out)
	assert left == [{"alerts": 1, **NOTHING_YET}] * 4 + [carried_out_once(1)] * 2, (
		"two alerts carried out whole, the third undone with the worker, the rest not begun"
	)

	# the scheduled sweeps pick up what a crash left: the pending alerts, once they are a while old
	with mock.patch.object(deadline_sweep, "PICK_UP_AFTER_MINUTES", 0):
		deadline_sweep.pick_up_pending()
	run_queued_job("property_service.deadline_sweep.pick_up_pending")
	frappe.db.rollback()
	assert [effects(name) for name in late_complaints] == [carried_out_once(1)] * LATE_COMPLAINTS

	# and a job run again, or the pick-up again, does nothing more
	again = run_job(tmp_path, f"print(deadline_sweep.carry_out({alerts!r}))", "again")
	assert again.returncode == 0, again.stderr
	assert again.stdout.strip().splitlines()[-1] == "0"
	assert [effects(name) for name in late_complaints] == [carried_out_once(1)] * LATE_COMPLAINTS


def test_two_workers_at_once_carry_out_each_alert_once(tmp_path, late_complaints):
	# each complaint missed both its acceptance and its reply: two alerts on one case, which the two
	# workers may take at the same moment
	alerts = claim(
		tmp_path,
		late_complaints,
		"(deadline_sweep.COMPLAINT_ACCEPTANCE, deadline_sweep.COMPLAINT_REPLY)",
	)
	assert len(alerts) == 2 * LATE_COMPLAINTS
	go = tmp_path / "go"
	workers = []
	frappe.db.commit()
	for n in range(2):
		ready = tmp_path / f"ready{n}"
		body = f"""
		notify = deadline_sweep.notify

		def slowly(*args, **kwargs):
			time.sleep(0.2)  # each alert takes a while, so that the two workers overlap
			return notify(*args, **kwargs)

		deadline_sweep.notify = slowly
		open({str(ready)!r}, "w").close()
		while not os.path.exists({str(go)!r}):
			time.sleep(0.01)
		print(deadline_sweep.carry_out({alerts!r}))
		"""
		workers.append(
			(
				ready,
				subprocess.Popen(
					job_script(tmp_path, f"worker{n}", body),
					cwd=BENCH / "sites",
					stdout=subprocess.PIPE,
					stderr=subprocess.PIPE,
					text=True,
				),
			)
		)
	deadline = time.monotonic() + 120
	while not all(ready.exists() for ready, _worker in workers) and time.monotonic() < deadline:
		time.sleep(0.05)
	go.touch()
	done = []
	for _ready, worker in workers:
		out, err = worker.communicate(timeout=300)
		assert worker.returncode == 0, err
		done.append(int(out.strip().splitlines()[-1]))
	frappe.db.rollback()

	assert sum(done) == len(alerts), f"each alert carried out by one worker: {done}"
	assert all(done), f"both workers took alerts: {done}"
	assert [effects(name) for name in late_complaints] == [carried_out_once(2)] * LATE_COMPLAINTS
