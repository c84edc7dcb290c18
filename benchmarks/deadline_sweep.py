"""Times the deadline sweeps against the two other ways of doing the same, on one site, in one run:

	cd ~/frappe-bench/sites
	../env/bin/python /path/to/property_service/benchmarks/deadline_sweep.py --site bench.localhost [--count 100000]

It first fills the site with open records (fill_open_records.py; use a site of its own), then times:

(a) the sweeps as scheduled (property_service.deadline_sweep): every watched deadline, breaches and
    reminders, with the escalation records, assignments, notifications and version history;
(b) the per-document loop Frappe Helpdesk and ERPNext use for their SLAs: load each open document,
    evaluate it, save the breached ones (and assign and notify through Frappe's documents). It is
    timed on a random sample of open documents and scaled to all of them, since a full pass takes
    many minutes;
(c) the floor: one hand-written UPDATE per deadline that only marks what is late.

Each runs in a transaction that is rolled back, so all three start from the same data. Queries are
MariaDB's own count (`Questions`). Figures to watch, not a test.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import fill_open_records  # noqa: E402
import frappe  # noqa: E402
from frappe.utils import get_datetime, now_datetime  # noqa: E402

from property_service import deadline_sweep  # noqa: E402
from property_service.rules import complaint_states, escalation  # noqa: E402


def questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def timed(label, run):
	frappe.db.rollback()
	before, began = questions(), time.perf_counter()
	result = run()
	seconds = time.perf_counter() - began
	queries = questions() - before - 1
	frappe.db.rollback()
	return frappe._dict(label=label, seconds=seconds, queries=queries, result=result)


def best_of(runs: int, label, run):
	return min((timed(label, run) for _ in range(runs)), key=lambda result: result.seconds)


def sweep_as_written(now):
	# batches are savepoints rather than commits here, so that the run can be rolled back
	frappe.flags.in_test = True
	try:
		return deadline_sweep.sweep(now=now)
	finally:
		frappe.flags.in_test = False


def hand_written_updates(now):
	settings = deadline_sweep.get_settings()
	marked = 0
	for watch in deadline_sweep.WATCHES:
		marked += (
			frappe.db.sql(
				f"""update `tab{watch.doctype}` doc set doc.deadline_breached = 1, doc.breached_on = %(now)s
			where {watch.pending} and {watch.due} <= %(now)s and doc.deadline_breached = 0""",
				{"now": now, "major_after_months": settings.major_after_months},
			)
			or frappe.db._cursor.rowcount
		)
	return marked


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
	args = parser.parse_args()
	fill_open_records.connect(args.site)
	now = now_datetime()
	if not args.no_fill:
		random.seed(2026)
		fill_open_records.fill(args.count, now)
		frappe.db.commit()

	documents = open_documents()
	total = sum(len(names) for names in documents.values())
	everything = [(doctype, name) for doctype, names in documents.items() for name in names]
	sample = random.Random(1).sample(everything, min(args.sample, total))

	# the best of three (each rolled back): the first run also pays for imports and cold caches
	swept = best_of(3, "(a) the sweeps as written", lambda: sweep_as_written(now))
	floor = best_of(3, "(c) hand-written UPDATEs", lambda: hand_written_updates(now))
	loop = timed("(b) per-document loop", lambda: per_document_loop(now, sample))
	scale = total / len(sample)
	loop.seconds *= scale
	loop.queries = round(loop.queries * scale)

	print(f"open documents: {total:,} ({', '.join(f'{d} {len(n):,}' for d, n in documents.items())})")
	print(
		f"raised by (a): {swept.result[deadline_sweep.BREACH]:,} breaches, "
		f"{swept.result[deadline_sweep.REMINDER]:,} reminders; marked by (c): {floor.result:,}"
	)
	for run in (swept, loop, floor):
		note = f"  (timed on {len(sample):,}, scaled ×{scale:.1f})" if run is loop else ""
		print(f"{run.label:30} {run.seconds:9.3f} s {run.queries:>10,} queries{note}")
	print(
		f"(b) ÷ (a): {loop.seconds / swept.seconds:,.0f}×   (a) ÷ (c): {swept.seconds / floor.seconds:.1f}×"
	)
	frappe.destroy()


if __name__ == "__main__":
	main()
