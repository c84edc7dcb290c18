"""Fills a site with open records for the deadline-sweep benchmark (not a test; never on a real estate).

	cd ~/frappe-bench/sites
	../env/bin/python /path/to/property_service/benchmarks/fill_open_records.py --site bench.localhost [--count 100000]

The records are what an office has open on an ordinary day, spread over ten estates: complaints in
every unresolved state (45 %), handling notices at the teams (10 %), work orders (25 %) and return
visits to make (20 %). The site is as the sweeps leave it: every deadline that passed before the last
sweep already has its alert, so a sweep finds only what fell due since. And as Frappe leaves it: a
document that reached its state through a save has the Open Workflow Action Frappe wrote for that state
(process_workflow_actions), so a save that keeps the state finds it and does no more, as on a real site.
Records are named BENCH-…; a second run replaces them, with what carrying out their alerts left.
"""

import argparse
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import frappe  # noqa: E402
from frappe.utils import now_datetime  # noqa: E402

from property_service.deadline_sweep import (  # noqa: E402
	BREACH,
	COMPLAINT_ACCEPTANCE,
	COMPLAINT_REPLY,
	HANDLING_NOTICE_DUE,
	ONE_MONTH_UNRESOLVED,
	REMINDER,
	RETURN_VISIT_DUE,
	WORK_ORDER_DISPATCH,
	alert_name,
)
from property_service.rules import escalation  # noqa: E402

ESTATES = 10
UNITS_PER_ESTATE = 20
SHARES = {
	"Complaint Register": 0.45,
	"Handling Notice": 0.10,
	"Repair Work Order": 0.25,
	"Return Visit": 0.20,
}
COMPLAINT_STATES = {
	"Registered": 10,
	"Accepted": 15,
	"In Handling": 50,
	"Escalated to Supervisor": 10,
	"Escalated to Manager": 8,
	"Escalated to Director": 2,
	"Reopened": 5,
}
HOUR, SWEPT_EVERY = timedelta(hours=1), {"frequent": timedelta(minutes=3), "hourly": timedelta(hours=1)}


def connect(site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--count", type=int, default=100_000)
	parser.add_argument("--seed", type=int, default=2026)
	args = parser.parse_args()
	connect(args.site)
	random.seed(args.seed)
	fill(args.count, now_datetime())
	frappe.db.commit()
	frappe.destroy()


def fill(count: int, now):
	estates = make_estates()
	clear()
	filler = Filler(now, estates)
	counts = {doctype: round(count * share) for doctype, share in SHARES.items()}
	filler.complaints(counts["Complaint Register"])
	filler.notices(counts["Handling Notice"])
	filler.work_orders(counts["Repair Work Order"])
	filler.visits(counts["Return Visit"])
	filler.workflow_actions()
	filler.flush()
	for doctype, n in counts.items():
		print(f"{doctype:20} {n:>8,}")
	print(f"{'workflow actions':20} {len(filler.rows['Workflow Action']):>8,}")
	print(f"{'alerts already raised':20} {len(filler.alerts):>8,}")


def clear():
	for doctype in (*SHARES, "Deadline Alert"):
		frappe.db.sql(f"delete from `tab{doctype}` where name like 'BENCH-%%' or name like '%%-BENCH-%%'")
	frappe.db.sql("delete from `tabComplaint Escalation` where parent like 'BENCH-%%'")
	# what carrying out the alerts of an earlier run left on them
	for doctype, field in (
		("ToDo", "reference_name"),
		("Version", "docname"),
		("Notification Log", "document_name"),
		("Comment", "reference_name"),
		("Workflow Action", "reference_name"),
	):
		frappe.db.sql(f"delete from `tab{doctype}` where `{field}` like 'BENCH-%%'")
	frappe.db.sql(
		"delete role from `tabWorkflow Action Permitted Role` role "
		"left join `tabWorkflow Action` action on action.name = role.parent where action.name is null"
	)


def user(email: str, name: str, role: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": name,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	return email


def make_estates() -> list[frappe._dict]:
	"""Ten estates, each with its deciders, a team, a technician and twenty households."""
	if not frappe.db.exists("Complaint Category", "基准 Bench Routine"):
		frappe.get_doc({"doctype": "Complaint Category", "category_name": "基准 Bench Routine"}).insert()
	estates = []
	for n in range(1, ESTATES + 1):
		staff = {
			level: user(f"{level.lower()}{n:02d}@bench.property-service.local", f"{level} {n:02d}", role)
			for level, role in escalation.ROLE_BY_LEVEL.items()
			if level != "Assistant"
		}
		centre = user(
			f"centre{n:02d}@bench.property-service.local", f"Centre {n:02d}", "Customer Service Supervisor"
		)
		technician = user(f"tech{n:02d}@bench.property-service.local", f"Technician {n:02d}", "Technician")
		name = f"基准小区 Bench Estate {n:02d}"
		if not frappe.db.exists("Estate", name):
			frappe.get_doc(
				{
					"doctype": "Estate",
					"estate_name": name,
					"floor_area": 60000,
					"occupied_households": 1000,
					"service_centre_manager": centre,
					**{field: staff[level] for level, field in escalation.DECIDER_FIELD.items()},
				}
			).insert()
		team = f"基准维修组 Bench Team {n:02d}"
		if not frappe.db.exists("Service Team", team):
			frappe.get_doc(
				{"doctype": "Service Team", "team_name": team, "estate": name, "head": centre}
			).insert()
		building = frappe.db.get_value("Building", {"estate": name}) or (
			frappe.get_doc({"doctype": "Building", "building_name": "1栋", "estate": name}).insert().name
		)
		residents = frappe.get_all(
			"Resident", filters={"estate": name}, fields=["name", "property_unit", "phone"]
		)
		for unit_number in range(len(residents) + 1, UNITS_PER_ESTATE + 1):
			unit = frappe.get_doc(
				{"doctype": "Property Unit", "building": building, "unit_number": f"{unit_number:03d}"}
			).insert()
			resident = frappe.get_doc(
				{
					"doctype": "Resident",
					"full_name": f"住户 {unit_number}",
					"phone": "13900000000",
					"property_unit": unit.name,
				}
			).insert()
			residents.append(frappe._dict(name=resident.name, property_unit=unit.name, phone=resident.phone))
		estates.append(
			frappe._dict(name=name, team=team, centre=centre, technician=technician, residents=residents)
		)
	frappe.db.commit()
	return estates


class Filler:
	def __init__(self, now, estates):
		self.now, self.estates = now, estates
		self.rows = {doctype: [] for doctype in SHARES}
		self.alerts = []
		self.in_hand = []
		self.work_order_names = []

	def ago(self, low: timedelta, high: timedelta):
		return self.now - timedelta(seconds=random.uniform(low.total_seconds(), high.total_seconds()))

	def base(self, name: str, created):
		return {
			"name": name,
			"creation": created,
			"modified": created,
			"owner": "Administrator",
			"modified_by": "Administrator",
		}

	def watched(self, watch, row, level, due, swept_every, lead=None):
		"""What the sweeps already raised for this deadline before now."""
		last_sweep = self.now - swept_every
		if due <= last_sweep:
			self.alert(BREACH, watch, row, level, escalation.level_after_breach(level), due, last_sweep)
			row.update(deadline_breached=1, breached_on=row.get("breached_on") or due)
			return escalation.level_after_breach(level)
		if lead and due - lead <= last_sweep and due > self.now:
			self.alert(REMINDER, watch, row, level, level, due, last_sweep)
		return level

	def alert(self, alert, watch, row, from_level, to_level, due, raised_on):
		case = row.get("complaint") or row["name"]
		self.alerts.append(
			{
				**self.base(alert_name(alert, watch, row["name"]), raised_on),
				"alert": alert,
				"deadline": watch.deadline,
				"due_on": due,
				"raised_on": raised_on,
				"estate": row["estate"],
				"reference_doctype": watch.doctype,
				"reference_name": row["name"],
				"case_doctype": watch.case_doctype,
				"case_name": case,
				"from_level": from_level,
				"to_level": to_level,
			}  # fmt: skip
		)

	def complaints(self, count: int):
		states = random.choices(list(COMPLAINT_STATES), weights=COMPLAINT_STATES.values(), k=count)
		for n, status in enumerate(states, 1):
			estate = random.choice(self.estates)
			registered = status == "Registered"
			received = self.ago(timedelta(0), timedelta(hours=30) if registered else timedelta(days=45))
			row = {
				**self.base(f"BENCH-CMP-{n:07d}", received),
				"channel": "Telephone", "received_on": received, "registered_by": "Administrator",
				"status": status, "classification": "General",
				"validity": random.choices(("Valid", "Not Company Fault", "Referral"), (85, 10, 5))[0],
				"complainant_name": "基准业主 Bench Resident", "contact_phone": "13900000000",
				"estate": estate.name, "category": "基准 Bench Routine", "summary": "基准投诉 Bench complaint",
				"acceptance_due": received + 24 * HOUR, "reply_due": received + 72 * HOUR,
				"deadline_breached": 0,
			}  # fmt: skip
			level = "Assistant"
			if status.startswith("Escalated to "):
				level = status.removeprefix("Escalated to ")
			if registered:
				level = self.watched(
					COMPLAINT_ACCEPTANCE, row, level, row["acceptance_due"], SWEPT_EVERY["hourly"], 4 * HOUR
				)
			else:
				row["accepted_on"] = received + timedelta(hours=random.uniform(0.5, 20))
				self.in_hand.append(row)
			replied = received + timedelta(hours=random.uniform(2, 80))
			if random.random() < 0.9 and replied < self.now:
				row["replied_on"] = replied
			else:
				level = self.watched(
					COMPLAINT_REPLY, row, level, row["reply_due"], SWEPT_EVERY["hourly"], 12 * HOUR
				)
			major_on = received + timedelta(days=30)
			if row["validity"] == "Valid" and major_on <= self.now - timedelta(days=1):
				row["classification"] = "Major"
				self.alert(BREACH, ONE_MONTH_UNRESOLVED, row, level, "Manager", major_on, major_on)
				level = escalation.required_level("Major", level)
			row["escalation_level"] = level
			self.rows["Complaint Register"].append(row)

	def notices(self, count: int):
		for n in range(1, count + 1):
			complaint = random.choice(self.in_hand)
			estate = next(e for e in self.estates if e.name == complaint["estate"])
			issued = complaint["accepted_on"]
			row = {
				**self.base(f"{complaint['name']}-BENCH-{n}", issued),
				"complaint": complaint["name"], "estate": estate.name, "status": "Issued", "notice_no": n,
				"handling_round": 1, "issued_by": "Administrator", "issued_on": issued,
				"service_team": estate.team, "team_head": estate.centre,
				"due_on": self.now + timedelta(hours=random.uniform(-72, 120)), "deadline_breached": 0,
			}  # fmt: skip
			self.watched(
				HANDLING_NOTICE_DUE,
				row,
				complaint["escalation_level"],
				row["due_on"],
				SWEPT_EVERY["hourly"],
				12 * HOUR,
			)
			self.rows["Handling Notice"].append(row)

	def work_orders(self, count: int):
		states = random.choices(
			("Requested", "Dispatched", "In Progress", "Completed"), (4, 4, 42, 50), k=count
		)
		for n, status in enumerate(states, 1):
			estate = random.choice(self.estates)
			resident = random.choice(estate.residents)
			waiting = status in ("Requested", "Dispatched")
			requested = self.ago(timedelta(0), timedelta(minutes=40) if waiting else timedelta(days=10))
			row = {
				**self.base(f"BENCH-RWO-{n:07d}", requested),
				"channel": "Telephone", "requested_on": requested, "appointment_time": requested + 3 * HOUR,
				"status": status, "resident": resident.name, "resident_name": "基准业主", "contact_phone": resident.phone,
				"property_unit": resident.property_unit, "estate": estate.name, "problem": "基准报修 Bench repair",
				"warranty_status": "Out of Warranty", "dispatch_due": requested + timedelta(minutes=15),
				"technician": None if status == "Requested" else estate.technician,
				"acknowledged_on": None if waiting else requested + timedelta(minutes=10),
				"escalation_level": "Assistant", "deadline_breached": 0,
			}  # fmt: skip
			if waiting:
				row["escalation_level"] = self.watched(
					WORK_ORDER_DISPATCH,
					row,
					"Assistant",
					row["dispatch_due"],
					SWEPT_EVERY["frequent"],
					timedelta(minutes=5),
				)
			self.rows["Repair Work Order"].append(row)
			self.work_order_names.append(row)

	def visits(self, count: int):
		for n in range(1, count + 1):
			order = random.choice(self.work_order_names)
			due = self.now + timedelta(hours=random.uniform(-48, 168))
			row = {
				**self.base(f"BENCH-RV-{n:07d}", due - 72 * HOUR),
				"visit_kind": "Repair", "reference_doctype": "Repair Work Order", "reference_name": order["name"],
				"resident": order["resident"], "property_unit": order["property_unit"], "estate": order["estate"],
				"status": "To Visit", "due_on": due, "method": "Phone", "visitor_role": "Service Centre Manager",
				"visitor": next(e.centre for e in self.estates if e.name == order["estate"]), "deadline_breached": 0,
			}  # fmt: skip
			row["escalation_level"] = self.watched(
				RETURN_VISIT_DUE, row, "Assistant", due, SWEPT_EVERY["hourly"], 4 * HOUR
			)
			self.rows["Return Visit"].append(row)

	def workflow_actions(self):
		"""The Open Workflow Action of each document's state, with the roles that may move it on, as
		Frappe's process_workflow_actions writes it on the save that reached the state (none where no step
		leads on). The roles come from Frappe's own get_next_possible_transitions, once for each kind of
		document (state, level, the resident's view); a step whose condition names the user saving is
		judged as the Administrator filling the site. Without these rows every save the sweep makes would
		work out its state's next steps afresh, which a real site does only when the state changes."""
		from frappe.model.workflow import get_workflow_name
		from frappe.workflow.doctype.workflow_action.workflow_action import get_next_possible_transitions

		self.rows["Workflow Action"], self.rows["Workflow Action Permitted Role"] = [], []
		roles_for = {}
		for doctype in ("Complaint Register", "Handling Notice", "Repair Work Order"):
			workflow = get_workflow_name(doctype)
			for row in self.rows[doctype]:
				kind = (doctype, row["status"], row.get("escalation_level"), row.get("resident_satisfied"))
				if kind not in roles_for:
					document = frappe.get_doc({"doctype": doctype, **row})
					steps = get_next_possible_transitions(workflow, row["status"], document)
					roles_for[kind] = sorted({step.allowed for step in steps})
				if not roles_for[kind]:
					continue
				action = frappe.generate_hash(length=10)
				self.rows["Workflow Action"].append(
					{
						**self.base(action, row["modified"]),
						"reference_doctype": doctype,
						"reference_name": row["name"],
						"workflow_state": row["status"],
						"status": "Open",
					}
				)
				self.rows["Workflow Action Permitted Role"] += [
					{
						**self.base(frappe.generate_hash(length=10), row["modified"]),
						"parent": action,
						"parenttype": "Workflow Action",
						"parentfield": "permitted_roles",
						"idx": idx,
						"role": role,
					}
					for idx, role in enumerate(roles_for[kind], 1)
				]

	def flush(self):
		for doctype, rows in (*self.rows.items(), ("Deadline Alert", self.alerts)):
			fields = sorted({field for row in rows for field in row})
			frappe.db.bulk_insert(doctype, fields, [[row.get(field) for field in fields] for row in rows])


if __name__ == "__main__":
	main()
