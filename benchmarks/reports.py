"""Times the management reports on a million complaints against hand-written SQL for the same figures.

	cd ~/frappe-bench/sites
	../env/bin/python /path/to/property_service/benchmarks/reports.py --site bench.localhost [--count 1000000]

Use a site of its own. The first run fills it with `--count` complaints over the last year across ten
estates (every channel, category, classification and state; deadlines met, late and open), with their
return visits; later runs reuse them (`--refill` to start again). Each report runs with a one-year
filter, three times, and the best time is printed beside a hand-written query computing the same
figures. Figures to watch, not a test.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import fill_open_records  # noqa: E402
import frappe  # noqa: E402
import frappe.desk.query_report  # noqa: E402
from frappe.utils import add_days, now_datetime, today  # noqa: E402

CHANNELS = (
	"Letter",
	"Telephone",
	"Fax",
	"Walk-in",
	"Email",
	"Web Portal",
	"Suggestion Box",
	"Return Visit",
	"Other",
)
CLOSED_STATES = ("Closed",) * 8 + ("Resolved", "Return Visit")
OPEN_STATES = ("Registered", "Accepted", "In Handling", "Escalated to Supervisor", "Reopened")
BATCH = 5_000

PERIOD = "received_on >= %(start)s and received_on < %(end)s"
# what each report computes, written by hand: the floor it is measured against
HAND_WRITTEN = {
	"Complaint Statistics": [
		f"""select category, count(*), sum(validity = 'Valid'), sum(classification = 'Major'),
			sum(status in ('Registered', 'Accepted', 'In Handling', 'Reopened', 'Escalated to Supervisor',
				'Escalated to Manager', 'Escalated to Director')), sum(reopen_count > 0)
		from `tabComplaint Register` where {PERIOD} group by category"""
	],
	"Key Figures": [
		f"select estate, count(*) from `tabComplaint Register` where {PERIOD} and validity = 'Valid' group by estate",
		"""select estate, count(*), sum(status = 'Completed') from `tabReturn Visit`
		where due_on >= %(start)s and due_on < %(end)s group by estate""",
	],
	"Recurring Problems": [
		f"""select {place}, category, count(*), min(received_on), max(received_on) from `tabComplaint Register`
		where {PERIOD} and category is not null and {place} is not null
		group by {place}, category having count(*) >= 3"""
		for place in ("property_unit", "building", "resident")
	],
	"Deadline Compliance": [
		f"""select count(*), sum(accepted_on <= acceptance_due), sum(accepted_on > acceptance_due),
			sum(accepted_on is null and acceptance_due < now()), sum(replied_on <= reply_due),
			sum(replied_on > reply_due), sum(replied_on is null and reply_due < now())
		from `tabComplaint Register` where {PERIOD}""",
		*(
			f"""select minutes, count(*) from (select timestampdiff(minute, received_on, {done}) minutes
			from `tabComplaint Register` where {PERIOD} and {done} is not null) taken group by minutes"""
			for done in ("accepted_on", "replied_on")
		),
	],
}


def fill(count: int):
	estates = fill_open_records.make_estates()
	categories = frappe.get_all("Complaint Category", pluck="name") or ["基准 Bench Routine"]
	frappe.db.sql("delete from `tabComplaint Register` where name like 'BENCHY-%%'")
	now = now_datetime()
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "channel", "received_on", "status", "classification",
		"validity", "escalation_level", "complainant_name", "contact_phone", "estate", "property_unit", "resident",
		"category", "summary", "acceptance_due", "accepted_on", "reply_due", "replied_on", "resolved_on",
		"reopen_count", "deadline_breached",
	]  # fmt: skip
	rows = []
	for n in range(1, count + 1):
		estate = random.choice(estates)
		resident = random.choice(estate.residents)
		received = now - timedelta(seconds=random.uniform(0, 365 * 86400))
		age_days = (now - received).days
		status = random.choice(CLOSED_STATES if age_days > 40 else CLOSED_STATES + OPEN_STATES)
		accepted = received + timedelta(hours=random.expovariate(1 / 10)) if status != "Registered" else None
		replied = (
			received + timedelta(hours=random.expovariate(1 / 40)) if status not in OPEN_STATES[:2] else None
		)
		resolved = received + timedelta(days=random.uniform(1, 20)) if status in CLOSED_STATES else None
		rows.append(
			(
				f"BENCHY-{n:08d}",
				received,
				received,
				"Administrator",
				"Administrator",
				random.choice(CHANNELS),
				received,
				status,
				random.choices(("General", "Important", "Major"), (80, 17, 3))[0],
				random.choices(("Valid", "Not Company Fault", "Referral", "Suggestion"), (85, 8, 4, 3))[0],
				"Assistant",
				"基准业主",
				"13900000000",
				estate.name,
				resident.property_unit,
				resident.name,
				random.choice(categories),
				"基准投诉 Bench complaint",
				received + timedelta(hours=24),
				accepted if accepted and accepted < now else None,
				received + timedelta(hours=72),
				replied if replied and replied < now else None,
				resolved if resolved and resolved < now else None,
				int(random.random() < 0.04),
				0,
			)  # fmt: skip
		)
		if len(rows) == BATCH:
			insert(fields, rows)
			rows = []
			if n % 100_000 == 0:
				frappe.db.commit()
				print(f"complaints: {n:,}")
	insert(fields, rows)
	frappe.db.commit()


def insert(fields, rows):
	if not rows:
		return
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	frappe.db.sql(
		f"insert into `tabComplaint Register` ({', '.join(f'`{f}`' for f in fields)}) "
		f"values {', '.join([placeholders] * len(rows))}",
		[value for row in rows for value in row],
	)


def best_of(runs: int, fn) -> float:
	times = []
	for _ in range(runs):
		began = time.perf_counter()
		fn()
		times.append(time.perf_counter() - began)
	return min(times)


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--count", type=int, default=1_000_000)
	parser.add_argument("--refill", action="store_true")
	args = parser.parse_args()
	fill_open_records.connect(args.site)
	random.seed(2026)
	have = frappe.db.sql("select count(*) from `tabComplaint Register` where name like 'BENCHY-%%'")[0][0]
	if args.refill or have < args.count:
		began = time.perf_counter()
		fill(args.count)
		print(f"filled {args.count:,} complaints in {time.perf_counter() - began:.0f} s")
	total = frappe.db.count("Complaint Register")
	filters = {"from_date": add_days(today(), -365), "to_date": today()}
	period = {"start": filters["from_date"], "end": add_days(today(), 1)}
	print(
		f"complaints on the site: {total:,}; filter: one year ({filters['from_date']} to {filters['to_date']})"
	)
	print(f"{'report':28} {'report':>9} {'hand SQL':>9} {'ratio':>6}")
	for report in (
		"Complaint Statistics",
		"Deadline Compliance",
		"Recurring Problems",
		"Key Figures",
		"Return Visit Coverage",
		"Satisfaction",
	):
		seconds = best_of(3, lambda report=report: frappe.desk.query_report.run(report, filters=filters))
		queries = HAND_WRITTEN.get(report)
		floor = (
			best_of(3, lambda queries=queries: [frappe.db.sql(q, period) for q in queries])
			if queries
			else None
		)
		hand = f"{floor:8.3f}s" if floor else "        —"
		ratio = f"{seconds / floor:6.2f}" if floor else "     —"
		print(f"{report:28} {seconds:8.3f}s {hand} {ratio}")
	frappe.destroy()


if __name__ == "__main__":
	main()
