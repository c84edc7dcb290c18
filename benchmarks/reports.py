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
	"Return Visit Coverage": [
		"""select visit_kind, count(*), sum(status = 'Completed'),
			sum(status = 'Completed' and completed_on <= due_on), sum(status = 'Completed' and method = 'In Person')
		from `tabReturn Visit` where due_on >= %(start)s and due_on < %(end)s group by visit_kind""",
		"""select visitor_role, count(*) from `tabReturn Visit`
		where due_on >= %(start)s and due_on < %(end)s and status = 'Completed' group by visitor_role""",
		"""select count(*), sum(satisfied = 'Not Satisfied') from `tabReturn Visit`
		where completed_on >= %(start)s and completed_on < %(end)s and satisfied in ('Satisfied', 'Not Satisfied')""",
	],
	"Satisfaction": [
		"""select visit_kind, count(*), sum(satisfied = 'Satisfied') from `tabReturn Visit`
		where completed_on >= %(start)s and completed_on < %(end)s and satisfied in ('Satisfied', 'Not Satisfied')
			and visit_kind in ('Complaint', 'Repair', 'Monthly Sample') group by visit_kind""",
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
		"""select count(*), sum(completed_on <= due_on), sum(completed_on > due_on),
			sum(completed_on is null and due_on < now())
		from `tabReturn Visit` where due_on >= %(start)s and due_on < %(end)s""",
		"""select minutes, count(*) from (select timestampdiff(minute, creation, completed_on) minutes
		from `tabReturn Visit` where due_on >= %(start)s and due_on < %(end)s and completed_on is not null) taken
		group by minutes""",
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


VISIT_KINDS = (("Complaint", 70), ("Repair", 25), ("Monthly Sample", 5))
VISITORS = (
	("Customer Service Assistant", 30),
	("Customer Service Supervisor", 30),
	("Service Centre Manager", 15),
	("Property Manager", 10),
	("Maintenance Lead", 15),
)


def fill_visits():
	"""A return visit for each resolved complaint, as the office makes them (RV-1..RV-5): most done by the
	due day, some late or waiting; complaint, repair and sample visits; each role's share."""
	frappe.db.sql("delete from `tabReturn Visit` where name like 'BENCHV-%%'")
	now = now_datetime()
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "visit_kind", "reference_doctype",
		"reference_name", "resident", "property_unit", "estate", "due_on", "status", "method", "visitor",
		"visitor_role", "completed_on", "satisfied",
	]  # fmt: skip
	kinds, kind_weights = zip(*VISIT_KINDS, strict=True)
	roles, role_weights = zip(*VISITORS, strict=True)
	rows, made = [], 0
	resolved = frappe.db.sql(
		"""select name, estate, resident, property_unit, resolved_on from `tabComplaint Register`
		where name like 'BENCHY-%%' and resolved_on is not null order by name"""
	)
	for name, estate, resident, unit, resolved_on in resolved:
		made += 1
		due = resolved_on + timedelta(days=random.choice((0, 2, 3, 7)))
		done = due + timedelta(hours=random.uniform(-48, 30))
		completed = done < now and random.random() < 0.95
		rows.append(
			(
				f"BENCHV-{made:08d}",
				resolved_on,
				done if completed else resolved_on,
				"Administrator",
				"Administrator",
				random.choices(kinds, kind_weights)[0],
				"Complaint Register",
				name,
				resident,
				unit,
				estate,
				due,
				"Completed" if completed else "To Visit",
				random.choices(("In Person", "Phone"), (55, 45))[0],
				"Administrator",
				random.choices(roles, role_weights)[0],
				done if completed else None,
				random.choices(("Satisfied", "Not Satisfied"), (93, 7))[0] if completed else None,
			)  # fmt: skip
		)
		if len(rows) == BATCH:
			insert(fields, rows, "Return Visit")
			rows = []
			if made % 100_000 == 0:
				frappe.db.commit()
				print(f"return visits: {made:,}")
	insert(fields, rows, "Return Visit")
	frappe.db.commit()
	return made


def insert(fields, rows, doctype="Complaint Register"):
	if not rows:
		return
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	frappe.db.sql(
		f"insert into `tab{doctype}` ({', '.join(f'`{f}`' for f in fields)}) "
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
	if args.refill or not frappe.db.sql(
		"select 1 from `tabReturn Visit` where name like 'BENCHV-%%' limit 1"
	):
		began = time.perf_counter()
		made = fill_visits()
		print(f"filled {made:,} return visits in {time.perf_counter() - began:.0f} s")
	total = frappe.db.count("Complaint Register")
	visits = frappe.db.count("Return Visit")
	filters = {"from_date": add_days(today(), -365), "to_date": today()}
	period = {"start": filters["from_date"], "end": add_days(today(), 1)}
	print(
		f"complaints on the site: {total:,}, return visits {visits:,}; "
		f"filter: one year ({filters['from_date']} to {filters['to_date']})"
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
