"""The demo estate: fixtures/demo_estate, loaded through the app's own DocTypes and workflows.

Every complaint, work order and opinion survey walks its real lifecycle (the same validations,
numbering, assignments and return visits a user's clicks cause); afterwards its timestamps are moved
back to when the history says it happened. The history ends on the day it is loaded (Clock), so its
recent cases stand where a well-run office's would, and the deadline sweeps run once at the end. Loading
twice adds nothing.
"""

import hashlib
import json
import socket
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import format_datetime, get_datetime, get_first_day, getdate
from frappe.utils.password import update_password

import property_service
from property_service.demo_records import (
	complaint_records,
	escalation_ladder,
	handling_checks,
	investigations,
	keeping_in_touch,
)
from property_service.demo_records import surveys as survey_records
from property_service.demo_records import visits as visit_records
from property_service.integrations import erpnext
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.doctype.return_visit.return_visit import record_due
from property_service.rules import escalation, visits

DATA = Path(property_service.__file__).resolve().parents[1] / "fixtures" / "demo_estate"
PASSWORD = "Demo@2026"
COMPANY = "翠湖物业服务有限公司"
COMPANY_ABBR = "CHWY"  # its accounts' suffix in ERPNext
# the history in fixtures/demo_estate ends here (fixtures/generate_demo_estate.py: YEAR_END)
HISTORY_ENDS = datetime(2026, 11, 1, 8, 0)
# where the demo's mail goes: a local SMTP sink (scripts/setup-site starts one; README)
MAIL_SINK = ("127.0.0.1", 2525)
MAIL_ACCOUNT = "翠湖物业客服中心"
# a resident's mark on the tablet, as the Signature field stores it
SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


# who does each step: the first demo user with the role
STAFF = {}


def demo_staff(users: list[dict] | None = None) -> dict:
	"""STAFF, filled from the demo's users where it is empty: by the loader, or by a demo record loader
	run on its own on a site loaded before."""
	if not STAFF:
		users = users or json.loads((DATA / "users.json").read_text(encoding="utf-8"))
		for row in users:
			for role in row["roles"]:
				STAFF.setdefault(role, row["email"])
	return STAFF


def load(path: str | None = None, password: str = PASSWORD):
	data = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in Path(path or DATA).glob("*.json")}
	demo_staff(data["users"])
	frappe.set_user("Administrator")
	# what the app writes (a to-do, a title, a reason) is in the office's language
	with speaking("zh"):
		with untold():
			data, residents = load_history(data, password)
		make_portal_accounts(data["residents"], residents, password)
		set_up_company()
		# on a site with ERPNext: the company there, the households as customers, some repairs invoiced
		erpnext.load_demo(data["estate"]["estate_name"], COMPANY, COMPANY_ABBR)
		set_up_mail()
		commit()
		run_the_sweeps()
		commit()
	print("demo estate loaded")


def load_history(data, password):
	"""The year before the load, moved in time (Clock); returns the data as moved and the residents."""
	global CLOCK
	estate = data["estate"]["estate_name"]
	finish_setup()
	make_users(data["users"], password)
	residents = make_estate(data)
	CLOCK = Clock(get_datetime(frappe.db.get_value("Estate", estate, "creation")))
	data = move_in_time(data, CLOCK)
	commit()
	for number, record in enumerate(data["complaints"], 1):
		load_complaint(record, residents)
		if number % 25 == 0:
			commit()
			print(f"complaints: {number}/{len(data['complaints'])}")
	for number, record in enumerate(data["repairs"], 1):
		load_repair(record, residents)
		if number % 25 == 0:
			commit()
			print(f"work orders: {number}/{len(data['repairs'])}")
	sample_past_months(estate)
	commit()
	for record in data.get("surveys", []):
		load_survey(record, estate, residents)
	for record in data.get("suggestion_box", []):
		load_box_opening(record, estate)
	commit()
	print(f"suggestion box openings: {len(data.get('suggestion_box', []))}")
	reviews = data.get("reviews", {})
	for record in reviews.get("weekly", []):
		load_weekly_review(record, estate)
	if reviews.get("meeting"):
		load_analysis_meeting(reviews["meeting"], estate)
	commit()
	print(
		f"weekly reviews: {len(reviews.get('weekly', []))}; analysis meeting: {int(bool(reviews.get('meeting')))}"
	)
	complaint_records.load(estate)  # compensation, appeals against reports, archive hand-overs
	keeping_in_touch.load(estate)  # courtesy visits, key residents' contacts, owner forums
	survey_records.load(estate)  # the survey meeting, its Pareto analysis and a preventive action
	investigations.load(estate)  # a complaint in each step of IN-8 … IN-11, two teams' notices (HN-5)
	visit_records.load(estate)  # visits by e-mail and on site, a late rectification notice, a repair on trial
	escalation_ladder.load(estate)  # the company's ladder; an important complaint with the office director
	handling_checks.load(estate)  # the manager's checks of closed complaints and their actions
	date_the_to_dos()
	return data, residents


@contextmanager
def untold():
	"""The history happened before the office used this site: nobody is told of it now. Frappe tells
	an assignee through a background job (the bell, and an email); a year of them would hold up the
	worker for hours and fill the bell with old news. What is late when the load ends is told by the
	deadline sweeps, as every day after."""
	from frappe.desk.form import assign_to
	from frappe.email.doctype.notification import notification

	told = assign_to.enqueue_create_notification, notification.enqueue_create_notification
	assign_to.enqueue_create_notification = notification.enqueue_create_notification = no_one_told
	try:
		yield
	finally:
		assign_to.enqueue_create_notification, notification.enqueue_create_notification = told


def no_one_told(users, doc):
	pass


class Clock:
	"""The demo's history ends on the day it is loaded: every date of the fixtures moves on by the same
	whole days (a weekly review's by whole weeks, so a week still starts on Monday; a survey's or a
	meeting's year by whole years), and the newest cases came in minutes before the load. `loaded` is
	when the estate was first made, so a second load moves everything the same way and adds nothing."""

	def __init__(self, loaded: datetime):
		self.loaded = loaded.replace(second=0, microsecond=0)
		self.days = (self.loaded - HISTORY_ENDS).days
		self.weeks = -(-self.days // 7)  # rounded up: the latest week is still before the load
		self.years = round(self.days / 365.25)

	def __call__(self, value: str | None, weeks: bool = False) -> str | None:
		"""An ISO date or datetime of the fixtures, moved."""
		if not value:
			return value
		shift = timedelta(weeks=self.weeks) if weeks else timedelta(days=self.days)
		if len(value) == 10:
			return (date.fromisoformat(value) + shift).isoformat()
		return (datetime.fromisoformat(value) + shift).isoformat()

	def minutes_before(self, minutes: int) -> str:
		return (self.loaded - timedelta(minutes=minutes)).isoformat()


CLOCK = Clock(HISTORY_ENDS)


def move_in_time(data, clock: Clock):
	"""The fixtures' dates, as of the load (Clock)."""
	data = json.loads(json.dumps(data))
	for kind, field in (("complaints", "received_on"), ("repairs", "requested_on")):
		for record in data[kind]:
			minutes = record.get("minutes_before_load")
			record[field] = clock.minutes_before(minutes) if minutes is not None else clock(record[field])
	for survey in data.get("surveys", []):
		survey["survey_year"] += clock.years
		for key in ("collection_start", "collection_end", "planned_on", "committee_informed_on"):
			survey[key] = clock(survey[key])
		survey["steps"] = [[action, clock(when)] for action, when in survey["steps"]]
		plan = survey["actions"]
		plan["made_on"], plan["due_on"] = clock(plan["made_on"]), clock(plan["due_on"])
		rounds = [step for aspect in plan["aspects"].values() for step in aspect.get("rounds", [])]
		for response in survey["responses"]:
			response["entered_on"] = clock(response["entered_on"])
			rounds += response.get("rounds", [])
		for step in rounds:
			step["completed_on"], step["visited_on"] = clock(step["completed_on"]), clock(step["visited_on"])
	for opening in data.get("suggestion_box", []):
		opening["opened_on"] = clock(opening["opened_on"])
		for slip in opening["slips"]:
			slip["visited_on"] = clock(slip["visited_on"])
	reviews = data.get("reviews", {})
	for week in reviews.get("weekly", []):
		for key in ("week_start", "submitted_on", "signed_on"):
			week[key] = clock(week[key], weeks=True)
	if meeting := reviews.get("meeting"):
		meeting["year"] += clock.years
		for key in ("meeting_date", "made_on", "due_on", "completed_on", "visited_on"):
			meeting[key] = clock(meeting[key])
	return data


def commit():
	"""A batch at a time, so an interrupted load picks up where it stopped (tests roll back instead)."""
	if not frappe.flags.in_test:
		frappe.db.commit()


def finish_setup():
	"""A site a Chinese office can use at once: setup done, Chinese, Shanghai time, yuan (RMB)."""
	frappe.db.set_value("Currency", "CNY", {"enabled": 1, "symbol": "¥"})
	settings = frappe.get_doc("System Settings")
	settings.update(
		{
			"setup_complete": 1,
			"language": "zh",
			"country": "China",
			"time_zone": "Asia/Shanghai",
			"currency": "CNY",
			"number_format": "#,###.##",
			"currency_precision": "2",
			"date_format": "yyyy-mm-dd",
			"time_format": "HH:mm",
			"first_day_of_the_week": "Monday",
			"enable_scheduler": 1,
		}
	)
	settings.flags.ignore_permissions = True
	settings.save()
	frappe.db.set_default("currency", "CNY")  # what a Currency field shows when it names none
	mark_frappe_set_up()


def mark_frappe_set_up():
	"""Frappe 15.9x keeps "setup complete" per app (Installed Application); until Frappe's is, every
	desk user is sent to a setup wizard only the Administrator may open. ERPNext's own wizard, where the
	company sets up its books, is left to it."""
	if frappe.db.has_column("Installed Application", "is_setup_complete"):
		frappe.db.set_value("Installed Application", {"app_name": "frappe"}, "is_setup_complete", 1)


def make_users(users, password):
	for row in users:
		if not frappe.db.exists("User", row["email"]):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": row["email"],
					"first_name": row["full_name"],
					"language": "zh",
					"send_welcome_email": 0,
					"user_type": "System User",
				}
			).insert(ignore_permissions=True)
			update_password(row["email"], password)
		frappe.get_doc("User", row["email"]).add_roles(*row["roles"])


def make_estate(data) -> dict[str, str]:
	"""Masters; returns resident name by 'building-unit'."""
	estate = data["estate"]
	if not frappe.db.exists("Estate", estate["estate_name"]):
		frappe.get_doc({"doctype": "Estate", **estate}).insert()
	name = estate["estate_name"]
	for row in data["buildings"]:
		if not frappe.db.exists("Building", f"{name}-{row['building_name']}"):
			frappe.get_doc({"doctype": "Building", "estate": name, **row}).insert()
	for row in data["units"]:
		building = f"{name}-{row['building']}"
		if not frappe.db.exists("Property Unit", f"{building}-{row['unit_number']}"):
			frappe.get_doc({"doctype": "Property Unit", **row, "building": building}).insert()
	for row in data["teams"]:
		if not frappe.db.exists("Service Team", row["team_name"]):
			frappe.get_doc({"doctype": "Service Team", "estate": name, **row}).insert()
	for row in data["categories"]:
		if not frappe.db.exists("Complaint Category", row["category_name"]):
			frappe.get_doc({"doctype": "Complaint Category", **row}).insert()
	residents = {}
	for row in data["residents"]:
		unit = f"{name}-{row['unit']}"
		residents[row["unit"]] = frappe.db.get_value("Resident", {"property_unit": unit}) or (
			frappe.get_doc(
				{
					"doctype": "Resident",
					"full_name": row["full_name"],
					"phone": row["phone"],
					"resident_type": row["resident_type"],
					"property_unit": unit,
					"is_key_resident": row["is_key_resident"],
				}
			)
			.insert()
			.name
		)
	return residents


def make_portal_accounts(rows, residents, password):
	"""The demo households with a resident's portal account (README): a website user with the Resident
	role linked to the household, as Invite to the Resident Portal makes it, without the welcome email."""
	for row in rows:
		if not row.get("portal_user"):
			continue
		resident = frappe.get_doc("Resident", residents[row["unit"]])
		if not frappe.db.exists("User", row["email"]):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": row["email"],
					"first_name": row["full_name"],
					"mobile_no": row["phone"],
					"user_type": "Website User",
					"language": "zh",
					"send_welcome_email": 0,
					"roles": [{"role": "Resident"}],
				}
			).insert(ignore_permissions=True)
			update_password(row["email"], password)
		if resident.user != row["email"]:
			resident.email, resident.user = row["email"], row["email"]
			resident.save(ignore_permissions=True)


def set_up_company():
	"""The company's name and logo (Property Service Settings → Company): the login page, the website's
	navigation bar, the portal and the letter head of every print."""
	settings = frappe.get_single("Property Service Settings")
	if settings.company_name:
		return
	logo = DATA / "logo.png"
	if not (file_url := frappe.db.get_value("File", {"file_name": logo.name, "is_private": 0}, "file_url")):
		file_url = (
			frappe.get_doc(
				{"doctype": "File", "file_name": logo.name, "content": logo.read_bytes(), "is_private": 0}
			)
			.insert(ignore_permissions=True)
			.file_url
		)
	settings.company_name, settings.company_logo = COMPANY, file_url
	settings.save(ignore_permissions=True)
	frappe.db.set_single_value("Navbar Settings", "app_logo", file_url)  # the desk's own, top left


def set_up_mail():
	"""The demo's outgoing mail (a resident's invitation, a notice, a staff member's alerts) goes to the
	local SMTP sink scripts/setup-site runs, which keeps each message in the bench's logs/demo-mail;
	Frappe's Email Queue lists every one of them. Without a sink no account is made: Frappe then says
	that none is set up, which is true."""
	name = MAIL_ACCOUNT
	if frappe.db.exists("Email Account", name):
		return
	try:
		socket.create_connection(MAIL_SINK, timeout=2).close()
	except OSError:
		print(f"No mail sink on {MAIL_SINK[0]}:{MAIL_SINK[1]}: no outgoing email account made (README).")
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": name,
			"email_id": "service@demo.property-service.local",
			"service": "",
			"smtp_server": MAIL_SINK[0],
			"smtp_port": MAIL_SINK[1],
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
			"no_smtp_authentication": 1,
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"always_use_account_email_id_as_sender": 1,
			"always_use_account_name_as_sender_name": 1,
			"enable_incoming": 0,
		}
	).insert(ignore_permissions=True)


def date_the_to_dos():
	"""A to-do dates from its document's step, as the history says, not from the load."""
	for doctype in frappe.get_all(
		"ToDo", filters={"reference_type": ("is", "set")}, pluck="reference_type", distinct=True
	):
		frappe.db.sql(
			f"""update `tabToDo` todo join `tab{doctype}` d on d.name = todo.reference_name
			set todo.creation = d.creation, todo.modified = d.modified
			where todo.reference_type = %s and todo.creation > d.modified""",
			doctype,
		)


def run_the_sweeps():
	"""ES-3: the deadline sweeps, as the scheduler runs them, once over the loaded history: what is late
	by now is marked and escalated, what is due soon reminded."""
	from property_service import deadline_sweep

	for watches in (deadline_sweep.FREQUENT, deadline_sweep.HOURLY, deadline_sweep.DAILY):
		# each breach carried out at once, in the office's language, as the workers would soon after
		deadline_sweep.sweep(watches, carry_out_now=True)
	late = frappe.db.count("Complaint Register", {"deadline_breached": 1})
	print(f"deadline sweeps run: {late} complaint(s) late")


def by_level(level):
	return STAFF[escalation.ROLE_BY_LEVEL[level or "Assistant"]]


def act(doc, action, user=None):
	"""The step as its staff member takes it (the front desk unless said otherwise)."""
	frappe.set_user(user or STAFF["Customer Service Assistant"])
	try:
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user("Administrator")


def update(doc, user=None, **values):
	frappe.set_user(user or STAFF["Customer Service Assistant"])
	try:
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return doc
	finally:
		frappe.set_user("Administrator")


def backdate(doctype, name, when: datetime, **values):
	if "due_on" in values:
		retell_due(doctype, name, get_datetime(values["due_on"]))
	values.update(creation=when, modified=when)
	frappe.db.set_value(doctype, name, values, update_modified=False)


def retell_due(doctype, name, due: datetime):
	"""The to-dos of a document whose due time moves back with the history say the time it moves to."""
	before = frappe.db.get_value(doctype, name, "due_on")
	if not before or get_datetime(before) == due:
		return
	for todo in frappe.get_all(
		"ToDo", filters={"reference_type": doctype, "reference_name": name}, fields=["name", "description"]
	):
		text = todo.description or ""
		for form in (None, "yyyy-MM-dd HH:mm"):
			text = text.replace(format_datetime(before, form), format_datetime(due, form))
		frappe.db.set_value(
			"ToDo", todo.name, {"description": text, "date": due.date()}, update_modified=False
		)


ESCALATION_ACTIONS = {
	"Supervisor": "Escalate to Supervisor",
	"Manager": "Escalate to Manager",
	"Director": "Escalate to Director",
}
NOT_FAULT = "经现场核实，问题不属物业服务责任，已书面向住户说明原因及处理途径。"
REASONS = {
	"Supervisor": "住户对处理结果有异议，前台无法答复",
	"Manager": "涉及赔偿及多部门协调，需经理决定",
	"Director": "涉及开发商遗留问题，需主任决定",
}


def load_complaint(record, residents):
	received = get_datetime(record["received_on"])
	resident = residents[record["resident"]]
	if frappe.db.exists("Complaint Register", {"received_on": received, "resident": resident}):
		return
	extra = {
		k: record[k]
		for k in ("referral_body", "referral_body_phone", "referral_lodged_by_office")
		if k in record
	}
	frappe.set_user(STAFF["Customer Service Assistant"])
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"received_on": received,
			"channel": record["channel"],
			"source_document_no": record["source_document_no"],
			"resident": resident,
			"category": record["category"],
			"summary": record["summary"],
			"description": record["description"],
			"classification": record["classification"],
			"validity": record["validity"],
			**extra,
		}
	).insert()
	frappe.set_user("Administrator")
	target = record["target"]
	walk_complaint(complaint, record, target, received)
	backdate("Complaint Register", complaint.name, received)


def walk_complaint(complaint, record, target, received):
	if target == "Registered":
		return
	complaint = act(complaint, "Accept")
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		"accepted_on",
		received + spread(complaint.name, "accepted", timedelta(minutes=20), timedelta(hours=5)),
		update_modified=False,
	)
	investigations.date_final_answer_due(complaint)  # IN-11, from the acceptance dated back
	if target == "Accepted":
		return
	level_target = target.removeprefix("Escalated to ") if target.startswith("Escalated to") else None
	top = level_target or record["escalate_to"]
	for level in escalation.levels_between(complaint.escalation_level, top) if top else ():
		holder = by_level(complaint.escalation_level)
		complaint = update(complaint, holder, escalation_reason=REASONS[level])
		complaint = act(complaint, ESCALATION_ACTIONS[level], holder)
	if level_target:
		return
	if complaint.status.startswith("Escalated"):
		complaint = act(complaint, "Take Over", by_level(complaint.escalation_level))

	rounds = 2 if target in ("Closed (second round)", "Reopened") else 1
	for round_number in range(1, rounds + 1):
		start = received + timedelta(days=5 * (round_number - 1))
		notice = handle(complaint, start)
		complaint.reload()
		if target == "In Handling":
			return
		signed_off = complete_notice(notice, start)
		values = {}
		if complaint.validity == "Not Company Fault":
			values["not_fault_explanation"] = record.get("not_fault_explanation") or NOT_FAULT
		if complaint.validity == "Suggestion" and not complaint.suggestion_decision:
			values["suggestion_decision"] = "Adopted"
			values["rectification_plan"] = "列入下季度改造计划，完成后公示。"
		if values.get("suggestion_decision"):
			complaint = update(complaint, STAFF["Office Director"], **values)
		elif values:
			complaint = update(complaint, **values)
		# IN-8 … IN-10: a valid complaint is verified, investigated and decided before it is resolved
		investigations.take_steps(complaint, start, STAFF["Customer Service Assistant"])
		complaint = act(
			frappe.get_doc(complaint.doctype, complaint.name), "Resolve", by_level(complaint.escalation_level)
		)
		# times taken vary from case to case, as an office's do (the reports' medians and 90th percentiles)
		replied = start + spread(notice.name, "replied", timedelta(hours=4), timedelta(days=2))
		resolved = max(replied, signed_off) + spread(
			notice.name, "resolved", timedelta(hours=2), timedelta(days=1)
		)
		frappe.db.set_value(
			"Complaint Register",
			complaint.name,
			{"resolved_on": resolved, "replied_on": replied},
			update_modified=False,
		)
		investigations.date_final_answer(complaint.name, resolved)  # IN-11: the answer went out on resolving
		visit_name = frappe.db.get_value(
			"Return Visit", {"reference_name": complaint.name, "status": "To Visit"}
		)
		due = visits.complaint_visit_due(resolved, get_settings().complaint_visit_days)
		backdate("Return Visit", visit_name, resolved, due_on=due)
		if target == "Resolved":
			return
		if target == "Return Visit":
			act(complaint, "Start Return Visit")
			return
		satisfied = "Not Satisfied" if round_number < rounds else "Satisfied"
		complete_visit(visit_name, satisfied, resolved + timedelta(hours=4))
		complaint.reload()
		if target == "Reopened":
			return
		if complaint.status == "Reopened":
			complaint = act(complaint, "Handle Again")


def handle(complaint, start):
	frappe.set_user(STAFF["Customer Service Assistant"])
	notice = frappe.get_doc(
		{
			"doctype": "Handling Notice",
			"complaint": complaint.name,
			"due_on": get_datetime() + timedelta(days=2),
			"instructions": "请于期限内完成补救并制定纠正措施。",
		}
	).insert()
	frappe.set_user("Administrator")
	backdate(
		"Handling Notice",
		notice.name,
		start + timedelta(hours=3),
		issued_on=start + timedelta(hours=3),
		due_on=start + timedelta(days=2),
	)
	return notice


def complete_notice(notice, start):
	notice = update(
		notice,
		notice.team_head,
		remedial_measures="当日上门查看并完成维修，向住户致歉。",
		corrective_measures="列入每月巡检清单，同类问题提前排查。",
		result="已处理完毕，住户确认问题解决。",
	)
	notice = act(notice, "Report Result", notice.team_head)
	act(notice, "Sign Off", notice.team_head)
	completed = start + spread(notice.name, "completed", timedelta(hours=8), timedelta(hours=40))
	signed_off = completed + spread(notice.name, "signed", timedelta(minutes=30), timedelta(hours=4))
	frappe.db.set_value(
		"Handling Notice",
		notice.name,
		{
			# HN-5: the team confirmed the notice soon after it was issued (reporting the result confirms it)
			"confirmed_on": start
			+ spread(notice.name, "confirmed", timedelta(hours=3, minutes=10), timedelta(hours=5)),
			"completed_on": completed,
			"signed_off_on": signed_off,
		},
		update_modified=False,
	)
	return signed_off


def spread(name: str, step: str, shortest: timedelta, longest: timedelta) -> timedelta:
	"""How long a step of one record took: between shortest and longest, the same on every load."""
	return shortest + (longest - shortest) * spread_fraction(name, step, 0, 1)


def spread_fraction(name: str, step: str, lowest: float, highest: float) -> float:
	fraction = int(hashlib.sha256(f"{name}:{step}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
	return lowest + (highest - lowest) * fraction


def complete_visit(visit_name, satisfied, when):
	visitor = frappe.db.get_value("Return Visit", visit_name, "visitor")
	frappe.set_user(visitor if visitor in STAFF.values() else STAFF["Customer Service Assistant"])
	visit = frappe.get_doc("Return Visit", visit_name)
	visit.update(
		{
			"satisfied": satisfied,
			"punctual": "Yes",
			"attitude": "Good",
			"quality": "Good" if satisfied == "Satisfied" else "Fair",
			"opinions": "处理及时，表示满意。"
			if satisfied == "Satisfied"
			else "问题未彻底解决，希望再处理。",
			"resident_signature": SIGNATURE if visit.method == "In Person" else None,
		}
	)
	visit.save()
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"Return Visit",
		visit_name,
		# recorded as it was made (RV-9)
		{"completed_on": when, "visited_on": when, "record_due_on": record_due(when), "modified": when},
		update_modified=False,
	)


def load_repair(record, residents):
	requested = get_datetime(record["requested_on"])
	resident = residents[record["resident"]]
	if frappe.db.exists("Repair Work Order", {"requested_on": requested, "resident": resident}):
		return
	frappe.set_user(STAFF["Customer Service Assistant"])
	order = frappe.get_doc(
		{
			"doctype": "Repair Work Order",
			"requested_on": requested,
			"appointment_time": requested + timedelta(hours=3),
			"resident": resident,
			"category": record["category"],
			"problem": record["problem"],
			"channel": record["channel"],
			"warranty_status": record["warranty_status"],
		}
	).insert()
	frappe.set_user("Administrator")
	walk_repair(order, record, record["target"], requested)
	backdate("Repair Work Order", order.name, requested)


def walk_repair(order, record, target, requested):
	if target == "Requested":
		return
	technician = record["technician"]
	order = update(order, technician=technician)
	order = act(order, "Dispatch")
	dispatched = requested + spread(order.name, "dispatched", timedelta(minutes=3), timedelta(minutes=13))
	times = {
		"dispatched_on": dispatched,
		"acknowledged_on": dispatched
		+ spread(order.name, "acknowledged", timedelta(minutes=1), timedelta(minutes=6)),
	}
	if target == "Dispatched":
		# acknowledged, so the next step due is arriving by the appointment (set_due_on, WO-3); the
		# dispatch deadline left in due_on would mark an order acknowledged in time as overdue
		times["due_on"] = order.appointment_time
		frappe.db.set_value("Repair Work Order", order.name, times, update_modified=False)
		return
	order = act(order, "Start Work", technician)
	times["arrived_on"] = requested + timedelta(hours=2, minutes=40)
	if target == "In Progress":
		frappe.db.set_value("Repair Work Order", order.name, times, update_modified=False)
		return
	part, price = record["part"]
	values = {"diagnosis": f"现场确认：{record['problem']}", "work_done": f"已处理：{record['problem']}"}
	if record["warranty_status"] == "Out of Warranty":
		values.update(
			callout_fee=record["callout_fee"],
			items=[
				{"item_type": "Part", "description": part, "qty": 1, "rate": price},
				{"item_type": "Labour", "description": "维修人工", "qty": record["labour_hours"], "rate": 60},
			],
		)
	else:
		send_to_developer(order, record, requested)
	order = update(order, technician, **values)
	rounds = 2 if target == "Closed (rework)" else 1
	completed = requested + timedelta(hours=3, minutes=30)
	for round_number in range(1, rounds + 1):
		order = act(order, "Complete", technician)
		if target == "Completed":
			frappe.db.set_value(
				"Repair Work Order", order.name, {**times, "completed_on": completed}, update_modified=False
			)
			return
		satisfied = "Not Satisfied" if round_number < rounds else "Satisfied"
		order = update(
			order,
			technician,
			resident_satisfied=satisfied,
			resident_signature=SIGNATURE,
			fees_shown_to_resident=1,
		)
		order = act(order, "Verify" if satisfied == "Satisfied" else "Rework", technician)
	shift = completed - get_datetime(order.completed_on)  # the visit's due date moves with the completion
	times.update(completed_on=completed, signed_on=completed + timedelta(minutes=10))
	frappe.db.set_value("Repair Work Order", order.name, times, update_modified=False)
	visit_name = frappe.db.get_value("Return Visit", {"reference_name": order.name, "status": "To Visit"})
	if visit_name:
		due_on = get_datetime(frappe.db.get_value("Return Visit", visit_name, "due_on")) + shift
		backdate("Return Visit", visit_name, completed, due_on=due_on)
	if target == "Verified" or not visit_name:
		return
	# visited some time before the visit was due (its category's days after the repair)
	complete_visit(
		visit_name,
		"Satisfied",
		completed + (due_on - completed) * spread_fraction(order.name, "visited", 0.2, 0.95),
	)


def send_to_developer(order, record, requested):
	frappe.set_user(STAFF["Customer Service Assistant"])
	sheet = frappe.get_doc(
		{"doctype": "Work Contact Sheet", "repair_work_order": order.name, "works_type": record["works_type"]}
	).insert()
	sheet.update(
		{
			"receiver_name": "开发商 工程部 李工",
			"received_on": requested + timedelta(days=1),
			"repaired_on": requested + timedelta(days=4),
		}
	)
	sheet.save()
	frappe.set_user("Administrator")
	backdate(
		"Work Contact Sheet",
		sheet.name,
		requested + timedelta(hours=4),
		sent_on=requested + timedelta(hours=4),
	)


def sample_past_months(estate):
	"""RV-4 for each month of the history: the samples the month-end job would have drawn."""
	earliest = frappe.get_all(
		"Repair Work Order",
		filters={"estate": estate},
		pluck="requested_on",
		order_by="requested_on",
		limit=1,
	)
	first = get_first_day(getdate(earliest[0] if earliest else None))
	this_month = get_first_day(getdate())
	month = first
	while month < this_month:
		name = f"VS-{estate}-{month.year}-{month.month:02d}"
		if not frappe.db.exists("Visit Sample", name):
			frappe.set_user(STAFF["Customer Service Supervisor"])
			sample = frappe.get_doc({"doctype": "Visit Sample", "estate": estate, "month": month}).insert()
			frappe.set_user("Administrator")
			for row in sample.orders:
				still_open = (
					frappe.db.get_value("Repair Work Order", row.repair_work_order, "status") != "Closed"
				)
				if (
					still_open
					or frappe.db.get_value("Return Visit", row.return_visit, "status") != "To Visit"
				):
					continue  # an order still on its way keeps its visit waiting
				visited = datetime.combine(getdate(sample.visits_due_on), datetime.min.time()) - timedelta(
					days=1
				)
				complete_visit(row.return_visit, "Satisfied", visited)
		month = getdate(frappe.utils.add_months(month, 1))


@contextmanager
def speaking(lang):
	"""The office works in Chinese: what the app writes for the staff (a survey's title, an action's
	problem) is written in their language, as when they click."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


# SV-2, SV-3, SV-5, SV-7: the state each step of an opinion survey is taken from, and who takes it
SURVEY_STEPS = {
	"Submit for Approval": ("Planned", "Customer Service Assistant"),
	"Confirm Plan": ("Department Manager Review", "Customer Service Manager"),
	"Review Plan": ("Deputy GM Review", "Deputy General Manager"),
	"Approve Plan": ("General Manager Review", "General Manager"),
	"Open Survey": ("Plan Approved", "Customer Service Assistant"),
	"Start Collecting": ("Handing Out", "Customer Service Assistant"),
	"Analyse": ("Collecting", "Customer Service Supervisor"),
	"Publish Results": ("Analysed", "Customer Service Supervisor"),
}


def load_survey(record, estate, residents):
	"""Planned, approved by the three managers, handed out, collected, analysed, followed up (and
	published): each step where the survey stands, so a load that stopped half-way carries on."""
	key = {"estate": estate, "survey_year": record["survey_year"], "period": record["period"]}
	name = frappe.db.get_value("Opinion Survey", key)
	planned = get_datetime(record["planned_on"])
	if name:
		survey = frappe.get_doc("Opinion Survey", name)
	else:
		frappe.set_user(STAFF["Customer Service Assistant"])
		survey = frappe.get_doc(
			{
				"doctype": "Opinion Survey",
				**key,
				"purpose": record["purpose"],
				"collection_start": record["collection_start"],
				"collection_end": record["collection_end"],
				"staff": [{"user": user} for user in record["staff"]],
			}
		).insert()
		frappe.set_user("Administrator")
	for action, when in record["steps"]:
		from_state, role = SURVEY_STEPS[action]
		if survey.status != from_state:
			continue  # taken on an earlier load
		when = get_datetime(when)
		if action == "Start Collecting":  # SV-3: as many as the rule asks for, or nearly
			survey = update(survey, handed_out=survey.hand_out_quota - record["handed_out_short"])
		elif action == "Analyse":
			enter_responses(survey, record, residents)
		elif action == "Publish Results":
			follow_up_survey(survey, record)  # the results go out with the rectification plan
		survey = act(survey, action, STAFF[role])
		if action == "Analyse":
			frappe.db.set_value("Opinion Survey", survey.name, "analysed_on", when, update_modified=False)
		elif action == "Publish Results":
			frappe.db.set_value("Opinion Survey", survey.name, "published_on", when, update_modified=False)
			if record.get("committee_informed_on"):
				survey = update(
					survey,
					STAFF["Customer Service Supervisor"],
					committee_informed_on=record["committee_informed_on"],
				)
		frappe.db.set_value(
			"Opinion Survey", survey.name, {"creation": planned, "modified": when}, update_modified=False
		)
	survey.reload()
	if survey.status == "Analysed":
		follow_up_survey(survey, record)
	commit()
	print(f"opinion survey {survey.name}: {survey.status}, {survey.returned} returned")


def enter_responses(survey, record, residents):
	"""SV-4: the paper forms, entered as they came back; one per household. SV-9: a rented household's
	form is the tenant's, who lives there."""
	tenants = dict(
		frappe.get_all(
			"Resident",
			filters={"estate": survey.estate, "resident_type": "Tenant"},
			fields=["property_unit", "name"],
			as_list=True,
		)
	)
	for number, row in enumerate(record["responses"], 1):
		unit = f"{survey.estate}-{row['unit']}"
		if frappe.db.exists("Survey Response", {"survey": survey.name, "property_unit": unit}):
			continue
		frappe.set_user(row["entered_by"])
		response = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"survey": survey.name,
				"property_unit": unit,
				"resident": (tenants.get(unit) or residents[row["unit"]]) if row["named"] else None,
				"respondent_type": "Tenant" if unit in tenants else "Owner",
				"entry": "Paper Form",
				"comments": row["comments"],
				"needs_action": row.get("needs_action", 0),
				"action_note": row.get("action_note"),
			}
		)
		response.run_method("before_validate")  # the questionnaire's lines
		for rating in response.ratings:
			rating.level = row["ratings"].get(rating.aspect)
		response.insert()
		frappe.set_user("Administrator")
		backdate("Survey Response", response.name, get_datetime(row["entered_on"]))
		if number % 25 == 0:
			commit()
			print(f"survey responses {survey.name}: {number}/{len(record['responses'])}")


def follow_up_survey(survey, record):
	"""SV-5, SV-6: the supervisor notes the common opinions and makes the corrective actions; each team
	works on its actions and the centre visits the households as the history says."""
	plan = record["actions"]
	supervisor = STAFF["Customer Service Supervisor"]
	if not survey.common_opinions:
		survey = update(survey, supervisor, common_opinions=record["common_opinions"])
		frappe.db.set_value(
			"Opinion Survey", survey.name, "modified", get_datetime(plan["made_on"]), update_modified=False
		)
	frappe.set_user(supervisor)
	try:
		frappe.get_doc("Opinion Survey", survey.name).make_corrective_actions(
			plan["service_team"], plan["due_on"]
		)
	finally:
		frappe.set_user("Administrator")
	flagged = {
		f"{survey.estate}-{row['unit']}": row.get("rounds", [])
		for row in record["responses"]
		if row.get("needs_action")
	}
	for action in frappe.get_all(
		"Survey Corrective Action",
		filters={"survey": survey.name},
		fields=["name", "aspect", "property_unit", "creation"],
		order_by="name asc",
	):
		if action.aspect:
			rounds = plan["aspects"].get(action.aspect, {}).get("rounds", [])
		else:
			rounds = flagged.get(action.property_unit, [])
		made = get_datetime(plan["made_on"])
		if get_datetime(action.creation) > made:  # made just now
			backdate("Survey Corrective Action", action.name, made)
		work_on_action(action.name, rounds, made)


def work_on_action(name, rounds, made):
	"""Each round: the team head records the measures taken; the centre's visit asks the household."""
	visit_days = get_settings().survey_action_visit_days
	latest = made
	for number, step in enumerate(rounds):
		visits_so_far = frappe.get_all(
			"Return Visit",
			filters={"reference_doctype": "Survey Corrective Action", "reference_name": name},
			fields=["name", "status"],
			order_by="creation asc, name asc",
		)
		completed = get_datetime(step["completed_on"])
		if number >= len(visits_so_far):  # this round is not done yet
			action = frappe.get_doc("Survey Corrective Action", name)
			head = frappe.db.get_value("Service Team", action.service_team, "head")
			frappe.set_user(head)
			try:
				action.complete(step["measures"])
			finally:
				frappe.set_user("Administrator")
			frappe.db.set_value(
				"Survey Corrective Action", name, "completed_on", completed, update_modified=False
			)
			visit_name = frappe.db.get_value(
				"Return Visit",
				{
					"reference_doctype": "Survey Corrective Action",
					"reference_name": name,
					"status": "To Visit",
				},
			)
			backdate(
				"Return Visit", visit_name, completed, due_on=visits.repair_visit_due(completed, visit_days)
			)
			visits_so_far.append(frappe._dict(name=visit_name, status="To Visit"))
		latest = completed
		visit = visits_so_far[number]
		if visit.status == "To Visit" and step["satisfied"]:
			complete_visit(visit.name, step["satisfied"], get_datetime(step["visited_on"]))
		if step["visited_on"]:
			latest = get_datetime(step["visited_on"])
	if rounds:
		frappe.db.set_value("Survey Corrective Action", name, "modified", latest, update_modified=False)


def load_box_opening(record, estate):
	"""SV-8: the morning's opening of the suggestion box; a suggestion gets a phone call back."""
	opened = get_datetime(record["opened_on"])
	if frappe.db.exists("Suggestion Box Opening", {"estate": estate, "opened_on": opened}):
		return
	frappe.set_user(STAFF["Customer Service Assistant"])
	opening = frappe.get_doc(
		{
			"doctype": "Suggestion Box Opening",
			"estate": estate,
			"box_location": record["box_location"],
			"opened_on": opened,
			"slips": [
				{
					"slip_text": slip["slip_text"],
					"property_unit": f"{estate}-{slip['unit']}" if slip["unit"] else None,
					"contact_phone": slip["contact_phone"],
					"outcome": slip["outcome"],
				}
				for slip in record["slips"]
			],
		}
	).insert()
	frappe.set_user("Administrator")
	backdate("Suggestion Box Opening", opening.name, opened)
	for row, slip in zip(opening.slips, record["slips"], strict=True):
		if not row.return_visit:
			continue
		backdate("Return Visit", row.return_visit, opened)  # due the next day, as scheduled
		if slip["visited_on"]:
			complete_visit(row.return_visit, "Satisfied", get_datetime(slip["visited_on"]))


def load_weekly_review(record, estate):
	"""RC-1: the assistant submits the week's records on the Monday after; the supervisor comments and
	signs (the latest week still waits for the signature)."""
	if frappe.db.exists("Weekly Complaint Review", {"estate": estate, "week_start": record["week_start"]}):
		return
	assistant, supervisor = STAFF["Customer Service Assistant"], STAFF["Customer Service Supervisor"]
	frappe.set_user(assistant)
	try:
		review = frappe.get_doc(
			{
				"doctype": "Weekly Complaint Review",
				"estate": estate,
				"week_start": record["week_start"],
				"assistant_notes": record["notes"],
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	review = act(review, "Submit to Supervisor", assistant)
	submitted = get_datetime(record["submitted_on"])
	dates = {"gathered_on": submitted, "submitted_on": submitted}
	if record["signed_on"]:
		review = update(review, supervisor, review_comment=record["comment"])
		review = act(review, "Sign Off", supervisor)
		dates["signed_on"] = get_datetime(record["signed_on"])
	frappe.db.set_value(
		"Weekly Complaint Review",
		review.name,
		{"creation": submitted, "modified": dates.get("signed_on", submitted), **dates},
		update_modified=False,
	)


def load_analysis_meeting(record, estate):
	"""RC-2, RC-3: the first half's meeting takes its top recurring problems and one household the
	return visits left unsatisfied; each decision becomes an action, done in the summer and, for the
	household, visited."""
	key = {"estate": estate, "period": record["period"], "analysis_year": record["year"]}
	if frappe.db.exists("Complaint Analysis Meeting", key):
		return
	supervisor = STAFF["Customer Service Supervisor"]
	frappe.set_user(supervisor)
	try:
		meeting = frappe.get_doc(
			{
				"doctype": "Complaint Analysis Meeting",
				**key,
				"meeting_date": record["meeting_date"],
				"chaired_by": record["chaired_by"],
				"attendees": [{"user": user} for user in record["attendees"]],
				"minutes": record["minutes"],
			}
		).insert()
		decisions = []
		for problem in meeting.problems[: record["problems_decided"]]:
			kind, measure = record["measures"].get(problem.category, record["default_measure"])
			place = problem.property_unit or problem.building or problem.resident
			decisions.append(
				{
					"problem": f"{place}{problem.category}：上半年投诉 {problem.complaints} 次",
					"category": problem.category,
					"measure_kind": kind,
					"measure": measure,
					"service_team": frappe.db.get_value(
						"Complaint Category", problem.category, "default_team"
					),
					"due_on": record["due_on"],
				}
			)
		cases = (frappe.get_doc(row.reference_doctype, row.reference_name) for row in meeting.nonconformities)
		for visit, case in zip(meeting.nonconformities, cases, strict=True):
			if not (case.get("property_unit") or case.get("resident")):
				continue  # the household's own complaint or repair, visited when it is done
			kind, measure = record["household_measure"]
			decisions.append(
				{
					"problem": f"{case.name} 回访不满意：{visit.opinions}",
					"category": case.get("category"),
					"property_unit": case.get("property_unit"),
					"resident": case.get("resident"),
					"measure_kind": kind,
					"measure": measure,
					"service_team": case.get("service_team")
					or frappe.db.get_value("Complaint Category", case.get("category"), "default_team"),
					"due_on": record["due_on"],
				}
			)
			break
		meeting.decisions = []
		for decision in decisions:
			meeting.append("decisions", decision)
		meeting.save()
		actions = meeting.make_actions()
	finally:
		frappe.set_user("Administrator")
	made = get_datetime(record["made_on"])
	backdate("Complaint Analysis Meeting", meeting.name, made)
	completed = get_datetime(record["completed_on"])
	for name in actions:
		backdate("Meeting Action", name, made)
		action = frappe.get_doc("Meeting Action", name)
		frappe.set_user(frappe.db.get_value("Service Team", action.service_team, "head"))
		try:
			action.complete(f"已按会议决定完成：{action.measure}")
		finally:
			frappe.set_user("Administrator")
		frappe.db.set_value(
			"Meeting Action", name, {"completed_on": completed, "modified": completed}, update_modified=False
		)
		visit_name = frappe.db.get_value(
			"Return Visit",
			{"reference_doctype": "Meeting Action", "reference_name": name, "status": "To Visit"},
		)
		if visit_name:
			backdate(
				"Return Visit",
				visit_name,
				completed,
				due_on=visits.repair_visit_due(completed, get_settings().survey_action_visit_days),
			)
			complete_visit(visit_name, "Satisfied", get_datetime(record["visited_on"]))
