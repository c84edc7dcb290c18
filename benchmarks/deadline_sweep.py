"""Times the deadline sweep's two halves on one site, in one run:

	cd ~/frappe-bench/sites
	../env/bin/python /path/to/property_service/benchmarks/deadline_sweep.py --site bench-sweep.localhost [--count 100000]

It first fills the site with open records (fill_open_records.py; use a site of its own), then times:

(a) the find-and-claim pass as scheduled (property_service.deadline_sweep.claim_alerts): every watched
    deadline, breaches and reminders, each alert written To Carry Out and each late document marked;
(c) hand-written SQL doing the same work: per deadline one INSERT … SELECT writing the same alert rows
    (levels and the person to tell worked out in SQL) and one UPDATE marking the same documents. The
    run checks that (a) and (c) leave the same alerts and the same marks;
(b) for reference, the per-document loop Frappe Helpdesk and ERPNext use for their SLAs: load each open
    document, evaluate it, save the breached ones (and assign and notify through Frappe's documents),
    timed on a random sample of open documents and scaled to all of them;
(d) carrying out: the burst (a) claimed, claimed again and committed, then carried out through Frappe's
    documents by one worker (property_service.deadline_sweep.carry_out in a process of its own, as a
    bench worker runs a job; --workers N for more at once): the time per alert and in all, and how
    long after the sweep began the last person was notified.

(a), (b) and (c) each run in a transaction that is rolled back, so they start from the same data; (d)
commits, as a worker does. Queries are MariaDB's own count (`Questions`). Figures to watch, not a test.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import fill_open_records  # noqa: E402
import frappe  # noqa: E402
from frappe.utils import add_to_date, get_datetime, now_datetime  # noqa: E402

from property_service import deadline_sweep  # noqa: E402
from property_service.deadline_sweep import BREACH, REMINDER, SWEEPER, TO_CARRY_OUT  # noqa: E402
from property_service.rules import complaint_states, escalation  # noqa: E402

ALERT_FIELDS = (
	"alert",
	"deadline",
	"due_on",
	"raised_on",
	"estate",
	"reference_doctype",
	"reference_name",
	"case_doctype",
	"case_name",
	"from_level",
	"to_level",
	"notified",
	"status",
)


def questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def timed(label, run, look=None):
	"""`run` timed in a transaction rolled back afterwards; `look` reads what it left, untimed."""
	frappe.db.rollback()
	before, began = questions(), time.perf_counter()
	result = run()
	seconds = time.perf_counter() - began
	queries = questions() - before - 1
	seen = look() if look else None
	frappe.db.rollback()
	return frappe._dict(label=label, seconds=seconds, queries=queries, result=result, seen=seen)


def best_of(runs: int, label, run, look=None):
	return min((timed(label, run, look) for _ in range(runs)), key=lambda result: result.seconds)


def claim_as_written(now):
	# batches are savepoints rather than commits here, so that the run can be rolled back
	frappe.flags.in_test = True
	try:
		raised = {BREACH: 0, REMINDER: 0}
		for _watch, alert, names in deadline_sweep.claim_alerts(now=now):
			raised[alert] += len(names)
		return raised
	finally:
		frappe.flags.in_test = False


def left_by_the_claim(now):
	"""The alerts raised at `now` and the documents marked at `now`, to compare (a) with (c)."""
	alerts = set(
		frappe.db.sql(f"select {', '.join(ALERT_FIELDS)} from `tabDeadline Alert` where raised_on = %s", now)
	)
	marked = {
		(doctype, name)
		for doctype in {watch.doctype for watch in deadline_sweep.WATCHES}
		for (name,) in frappe.db.sql(
			f"select name from `tab{doctype}` where modified = %s and deadline_breached = 1", now
		)
	}
	return alerts, marked


def level_after_sql(watch, level: str) -> str:
	"""ES-2/ES-3 in SQL: the level a breach moves the case to."""
	level = f"coalesce(nullif({level}, ''), 'Assistant')"
	if watch.makes_major:
		return f"case when {level} in ('Assistant', 'Supervisor') then 'Manager' else {level} end"
	return f"case {level} when 'Assistant' then 'Supervisor' when 'Supervisor' then 'Manager' else 'Director' end"


def first_decider_sql(level: str) -> str:
	"""escalation.first_decider in SQL: the first person named at `level` or above on the estate."""
	named = {level: f"nullif(estate.{field}, '')" for level, field in escalation.DECIDER_FIELD.items()}
	return (
		f"case {level} "
		f"when 'Supervisor' then coalesce({named['Supervisor']}, {named['Manager']}, {named['Director']}) "
		f"when 'Manager' then coalesce({named['Manager']}, {named['Director']}) "
		f"when 'Director' then {named['Director']} end"
	)


def hand_written_claim(now):
	"""(c): the same alerts and marks as the sweep's claim, one INSERT … SELECT and one UPDATE each."""
	settings = deadline_sweep.get_settings()
	run = frappe.generate_hash(length=16)
	raised = 0
	for watch in deadline_sweep.WATCHES:
		raised += hand_written_alerts(watch, BREACH, now, settings, run)
		lead = settings.get(watch.reminder_setting) if watch.reminder_setting else 0
		if lead:
			raised += hand_written_alerts(watch, REMINDER, now, settings, run, lead)
	return raised


def hand_written_alerts(watch, alert, now, settings, run, lead_minutes=0) -> int:
	case = "case_doc" if watch.case_link else "doc"
	join = (
		f"join `tabComplaint Register` case_doc on case_doc.name = doc.`{watch.case_link}`"
		if watch.case_link
		else ""
	)
	level = f"{case}.escalation_level"
	if alert == BREACH:
		window = f"{watch.due} <= %(now)s"
		if watch.only_deadline:
			window += " and doc.deadline_breached = 0"
		to_level = level_after_sql(watch, level)
		notified = first_decider_sql(to_level)
	else:
		window = f"{watch.due} > %(now)s and {watch.due} <= %(remind_from)s"
		to_level = level
		notified = (
			f"case when coalesce(nullif({level}, ''), 'Assistant') = 'Assistant' "
			f"then coalesce(nullif({watch.holder}, ''), nullif(estate.service_centre_manager, '')) "
			f"else {first_decider_sql(level)} end"
		)
	values = {
		"now": now,
		"remind_from": add_to_date(now, minutes=lead_minutes),
		"prefix": deadline_sweep.alert_name(alert, watch, ""),
		"major_after_months": settings.major_after_months,
		"sweeper": SWEEPER,
		"alert": alert,
		"deadline": watch.deadline,
		"doctype": watch.doctype,
		"case_doctype": watch.case_doctype,
		"run": run,
		"status": TO_CARRY_OUT,
	}
	frappe.db.sql(
		f"""
		insert ignore into `tabDeadline Alert` (name, creation, modified, owner, modified_by, alert,
			deadline, due_on, raised_on, estate, reference_doctype, reference_name, case_doctype, case_name,
			from_level, to_level, notified, sweep_run, status)
		select concat(%(prefix)s, doc.name), %(now)s, %(now)s, %(sweeper)s, %(sweeper)s, %(alert)s,
			%(deadline)s, {watch.due}, %(now)s, {case}.estate, %(doctype)s, doc.name, %(case_doctype)s,
			{case}.name, {level}, {to_level}, {notified}, %(run)s, %(status)s
		from `tab{watch.doctype}` doc {join}
		left join `tabEstate` estate on estate.name = {case}.estate
		left join `tabDeadline Alert` alert on alert.name = concat(%(prefix)s, doc.name)
		where {watch.pending} and {window} and alert.name is null
		""",
		values,
	)
	raised = frappe.db._cursor.rowcount
	if alert == BREACH and raised:
		frappe.db.sql(
			f"""
			update `tab{watch.doctype}` doc
			join `tabDeadline Alert` alert on alert.sweep_run = %(run)s and alert.reference_name = doc.name
				and alert.deadline = %(deadline)s and alert.alert = %(alert)s
			set doc.deadline_breached = 1, doc.breached_on = coalesce(doc.breached_on, %(now)s),
				doc.modified = %(now)s, doc.modified_by = %(sweeper)s
			""",
			values,
		)
	return raised


OPEN = {
	"Complaint Register": complaint_states.UNRESOLVED,
	"Handling Notice": ("Issued", "Reported"),
	"Repair Work Order": ("Requested", "Dispatched", "In Progress", "Completed"),
	"Return Visit": ("To Visit",),
}


def open_documents():
	"""Every open document of the kinds watched, as the per-document loop starts from."""
	return {
		doctype: frappe.get_all(doctype, filters={"status": ("in", states)}, pluck="name", order_by="name")
		for doctype, states in OPEN.items()
	}


def per_document_loop(now, sample):
	"""Load, evaluate, save when breached: the SLA loop of Helpdesk and ERPNext."""
	from frappe.desk.form.assign_to import add as add_assignment

	watches = {}
	for watch in deadline_sweep.WATCHES:
		watches.setdefault(watch.doctype, []).append(watch)
	breached = 0
	for doctype, name in sample:
		doc = frappe.get_doc(doctype, name)
		late = [w for w in watches[doctype] if is_late(doc, w, now)]
		if not late or doc.deadline_breached:
			continue
		doc.deadline_breached, doc.breached_on = 1, now
		level = escalation.level_after_breach(doc.escalation_level or "Assistant")
		if doctype != "Handling Notice":
			doc.escalation_level = level
		if doctype == "Complaint Register":
			doc.escalation_reason = "SLA"
		doc.flags.ignore_permissions = True
		doc.save()
		user = frappe.db.get_value("Estate", doc.get("estate"), escalation.DECIDER_FIELD[level])
		add_assignment({"assign_to": [user], "doctype": doctype, "name": name, "description": "SLA"})
		notification = {"for_user": user, "subject": "SLA", "type": "Alert", "document_name": name}
		frappe.get_doc({"doctype": "Notification Log", "document_type": doctype, **notification}).insert(
			ignore_permissions=True
		)
		breached += 1
	return breached


def is_late(doc, watch, now) -> bool:
	due = {
		"doc.acceptance_due": doc.get("acceptance_due"),
		"doc.reply_due": doc.get("reply_due"),
		"doc.due_on": doc.get("due_on"),
		"doc.dispatch_due": doc.get("dispatch_due"),
		"doc.promised_reply_on": doc.get("promised_reply_on"),
	}.get(watch.due)
	return bool(due) and get_datetime(due) <= now


def carry_out_the_burst(now, workers: int = 1):
	"""(d): the claim committed, as scheduled, then `workers` worker processes of their own (one by
	default) carrying out every alert it claimed, breaches first, as the outbox shares them out."""
	frappe.db.rollback()
	began_at, began = now_datetime(), time.perf_counter()
	claimed = {BREACH: [], REMINDER: []}
	for _watch, alert, names in deadline_sweep.claim_alerts(now=now):
		claimed[alert] += names
	claim_seconds = time.perf_counter() - began
	result = frappe._dict(claim_seconds=claim_seconds, runs={}, claimed=claimed)
	started = time.perf_counter()
	for worker, runs in enumerate(in_worker_processes(claimed, workers)):
		for alert, run in runs.items():
			label = alert if workers == 1 else f"{alert} ({worker + 1})"
			result.runs[label] = frappe._dict(run)
	result.effects_seconds = time.perf_counter() - started
	result.total_seconds = time.perf_counter() - began
	frappe.db.rollback()  # a fresh read: the workers' processes committed what they did
	last = frappe.db.sql(
		"select max(creation) from `tabNotification Log` where type = 'Alert' and creation >= %s", began_at
	)[0][0]
	result.last_notified_after = (get_datetime(last) - began_at).total_seconds() if last else None
	result.left = frappe.get_all(
		"Deadline Alert",
		filters={"status": TO_CARRY_OUT},
		fields=["name", "not_done_because"],
		limit=3,
	)
	result.left_count = frappe.db.count("Deadline Alert", {"status": TO_CARRY_OUT})
	return result


def in_worker_processes(claimed: dict[str, list[str]], workers: int) -> list[dict]:
	"""The alerts carried out by `workers` processes of their own at once, as a bench's workers do: what
	each did of each kind (seconds, alerts carried out, queries)."""
	import json
	import subprocess
	import tempfile

	with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as listed:
		json.dump(claimed, listed)
	code = (
		"import json, time, frappe\n"
		f"frappe.init(site={frappe.local.site!r}, sites_path='.')\n"
		"frappe.connect()\n"
		"from property_service import deadline_sweep\n"
		"def questions():\n"
		"    return int(frappe.db.sql(\"show session status like 'Questions'\")[0][1])\n"
		f"claimed, runs = json.load(open({listed.name!r})), {{}}\n"
		"for alert, names in claimed.items():\n"
		"    before, began = questions(), time.perf_counter()\n"
		"    done = deadline_sweep.carry_out(names)\n"
		"    runs[alert] = dict(seconds=time.perf_counter() - began, done=done, queries=questions() - before)\n"
		"print(json.dumps(runs))\n"
	)
	processes = [
		subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
		for _ in range(workers)
	]
	return [json.loads(process.communicate()[0].strip().splitlines()[-1]) for process in processes]


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument(
		"--sample", type=int, default=2000, help="documents the per-document loop is timed on"
	)
	parser.add_argument("--count", type=int, default=100_000, help="open records to fill the site with first")
	parser.add_argument("--no-fill", action="store_true", help="time on the records already there")
	parser.add_argument("--no-loop", action="store_true", help="leave out (b), the per-document loop")
	parser.add_argument(
		"--workers", type=int, default=1, help="worker processes carrying out the burst in (d)"
	)
	args = parser.parse_args()
	fill_open_records.connect(args.site)
	now = now_datetime()
	if not args.no_fill:
		random.seed(2026)
		fill_open_records.fill(args.count, now)
		frappe.db.commit()

	documents = open_documents()
	total = sum(len(names) for names in documents.values())
	print(f"open documents: {total:,} ({', '.join(f'{d} {len(n):,}' for d, n in documents.items())})")

	# the best of five (each rolled back): the first run also pays for imports and cold caches, and the
	# machine may be busy with something else for one of them
	look = lambda: left_by_the_claim(now)  # noqa: E731
	claim = best_of(5, "(a) find and claim, as written", lambda: claim_as_written(now), look)
	floor = best_of(5, "(c) hand-written SQL, same work", lambda: hand_written_claim(now), look)
	same = claim.seen == floor.seen
	print(
		f"raised by (a): {claim.result[BREACH]:,} breaches, {claim.result[REMINDER]:,} reminders, "
		f"{len(claim.seen[1]):,} documents marked; by (c): {floor.result:,} alerts, "
		f"{len(floor.seen[1]):,} marked; the same alerts and marks: {'yes' if same else 'NO'}"
	)
	if not same:
		print(f"  only (a): {list(claim.seen[0] - floor.seen[0])[:3]}")
		print(f"  only (c): {list(floor.seen[0] - claim.seen[0])[:3]}")
	runs = [claim, floor]
	if not args.no_loop:
		everything = [(doctype, name) for doctype, names in documents.items() for name in names]
		sample = random.Random(1).sample(everything, min(args.sample, total))
		loop = timed("(b) per-document loop", lambda: per_document_loop(now, sample))
		loop.scale = total / len(sample)
		loop.seconds *= loop.scale
		loop.queries = round(loop.queries * loop.scale)
		loop.note = f"  (timed on {len(sample):,}, scaled ×{loop.scale:.1f})"
		runs.append(loop)
	for run in runs:
		print(f"{run.label:34} {run.seconds:9.3f} s {run.queries:>10,} queries{run.get('note') or ''}")
	print(f"(a) ÷ (c): {claim.seconds / floor.seconds:.2f}×")
	if not args.no_loop:
		print(f"(b) ÷ (a): {loop.seconds / claim.seconds:,.0f}×")

	burst = carry_out_the_burst(now, args.workers)
	who = "one worker" if args.workers == 1 else f"{args.workers} worker processes"
	print(f"(d) the claim committed: {burst.claim_seconds:.3f} s; then {who} carrying out:")
	for alert, run in burst.runs.items():
		per = 1000 * run.seconds / run.done if run.done else 0
		print(
			f"    {alert:26} {run.done:>6,} carried out in {run.seconds:6.1f} s: {per:5.1f} ms/alert,"
			f" {run.queries / max(run.done, 1):5.1f} queries/alert"
		)
	alerts = sum(len(names) for names in burst.claimed.values())
	print(
		f"    all {alerts:,} alerts carried out in {burst.effects_seconds:.1f} s"
		f" ({1000 * burst.effects_seconds / max(alerts, 1):.1f} ms/alert, worker start-up included);"
		f" the last person notified {burst.last_notified_after:.1f} s after the sweep began"
	)
	if burst.left_count:
		print(f"    left To Carry Out: {burst.left_count:,}, e.g. {burst.left}")
	frappe.destroy()


if __name__ == "__main__":
	main()
