"""The deadline sweeps: every deadline in the rules is watched without anyone remembering to look.

A sweep has two halves, each done the way that suits it.

**Finding and claiming is set-based.** For each watched deadline a sweep finds, a batch at a time, the
documents past their deadline (or close to it) that have no alert of that kind yet and, in one
transaction per batch, writes their Deadline Alerts and marks the late documents (`deadline_breached`,
`breached_on`). An alert's name is the deadline and the document, so each breach or reminder is
claimed exactly once, however often the sweep runs and however many run at once. This half looks at
every open record of the estate, up to a hundred thousand: a dozen queries a batch whatever its size
and no document loaded keep it well under a second, where loading each document takes many minutes
(benchmarks/deadline_sweep.py).

**Carrying out goes through Frappe.** What follows a claim touches few documents, and touches them as
a person would, so it goes through Frappe's documents: the case is loaded, moved one level up (a
complaint in hand to its "Escalated to …" state) and saved, so its controller records the escalation
(ES-1), the workflow checks the step and Frappe writes the version history; a ToDo assigns the person;
a Notification Log tells them, and Frappe's bell and e-mail follow their notification settings. Other
apps' hooks on those documents run as for anyone's. The alerts are the outbox: they are claimed
"To Carry Out" (pending), and a background job takes one at a time (`SELECT … FOR UPDATE SKIP
LOCKED`), carries it out and marks it "Carried Out" in the same transaction. A worker killed half-way
leaves its alert pending and nothing of its effects; two workers never take the same alert; each
scheduled sweep also picks up what a crash left pending. An effect is thus done once, never twice and
never lost.

The claim decides from the case as it stands: who is notified, and the level a breach moves it to
(two late notices of one complaint in one sweep move it up once). Carrying out moves a case only up
to that level, never down, so an alert carried out late does not undo what happened since.
"""

from collections import deque
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.model.workflow import get_transitions
from frappe.utils import add_to_date, get_datetime, now_datetime, today

from property_service.controllers.escalation_ladder import get_ladder
from property_service.controllers.transactions import one_transaction
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules import complaint_states, escalation

BREACH = "Deadline Breach"
REMINDER = "Near-Breach Reminder"
ALERT_CODE = {BREACH: "BREACH", REMINDER: "REMIND"}
BATCH_SIZE = 1000  # documents claimed in one transaction
JOB_SIZE = 100  # alerts handed to one background job
MAX_DEADLOCKS = 20  # a worker gives up after this many, leaving the rest to the next pick-up
PICK_UP_AFTER_MINUTES = 5  # an alert still pending this long after it was raised was left by a crash
SWEEPER = "Administrator"
TO_CARRY_OUT, CARRIED_OUT = "To Carry Out", "Carried Out"  # a Deadline Alert's status

UNRESOLVED = ", ".join(f"'{state}'" for state in complaint_states.UNRESOLVED)


@dataclass(frozen=True)
class Watch:
	deadline: str  # as the Deadline Alert names it
	code: str  # short, in alert names
	doctype: str
	due: str  # SQL on alias `doc`: when it is due
	pending: str  # SQL on alias `doc`: the deadline is not met yet
	holder: str  # SQL on alias `doc`: who has it in hand while it is at the front desk
	reminder_setting: str | None = None
	case_link: str | None = None  # the complaint that escalates for it; None: the document itself
	makes_major: bool = False
	# the document has no other deadline, so its `deadline_breached` says this one is done with and
	# the sweep skips it without looking for its alert
	only_deadline: bool = False

	@property
	def case_doctype(self) -> str:
		return "Complaint Register" if self.case_link else self.doctype

	def level_after(self, level: str, ladder: escalation.Ladder = escalation.DEFAULT_LADDER) -> str:
		"""Where a breach moves the case on the company's ladder (ES-5)."""
		if self.makes_major:
			return ladder.required_level("Major", level)  # ES-2
		return ladder.level_after_breach(level)  # ES-3


COMPLAINT_ACCEPTANCE = Watch(  # IN-4
	deadline="Complaint Acceptance",
	code="ACCEPT",
	doctype="Complaint Register",
	due="doc.acceptance_due",
	pending="doc.status = 'Registered' and doc.accepted_on is null and doc.paused_since is null",
	holder="doc.registered_by",
	reminder_setting="remind_acceptance_minutes",
)
COMPLAINT_REPLY = Watch(  # HN-3
	deadline="Complaint Reply",
	code="REPLY",
	doctype="Complaint Register",
	due="doc.reply_due",
	pending=f"doc.status in ({UNRESOLVED}) and doc.replied_on is null and doc.paused_since is null",
	holder="doc.registered_by",
	reminder_setting="remind_reply_minutes",
)
FINAL_ANSWER_DUE = Watch(  # IN-11: the written final answer, 15 days after acceptance (urgent: 3 working days)
	deadline="Final Answer Due",
	code="ANSWER",
	doctype="Complaint Register",
	due="doc.final_answer_due",
	pending=f"doc.status in ({UNRESOLVED}) and doc.final_answered_on is null and doc.paused_since is null",
	holder="doc.registered_by",
	reminder_setting="remind_final_answer_minutes",
)
HANDLING_NOTICE_DUE = Watch(  # HN-2
	deadline="Handling Notice Due",
	code="NOTICE",
	doctype="Handling Notice",
	due="doc.due_on",
	pending="doc.status = 'Issued'",
	holder="doc.team_head",
	reminder_setting="remind_notice_minutes",
	case_link="complaint",
	only_deadline=True,
)
WORK_ORDER_DISPATCH = Watch(  # WO-2: handed to a technician who acknowledged it
	deadline="Work Order Dispatch",
	code="DISPATCH",
	doctype="Repair Work Order",
	due="doc.dispatch_due",
	pending="doc.status in ('Requested', 'Dispatched') and doc.acknowledged_on is null",
	holder="case when doc.status = 'Dispatched' then doc.technician end",
	reminder_setting="remind_dispatch_minutes",
	only_deadline=True,
)
RETURN_VISIT_DUE = Watch(  # RV-2, RV-3, RV-4
	deadline="Return Visit Due",
	code="VISIT",
	doctype="Return Visit",
	due="doc.due_on",
	pending="doc.status = 'To Visit'",
	holder="doc.visitor",
	reminder_setting="remind_visit_minutes",
)
PROMISED_REPLY = Watch(  # RV-8
	deadline="Promised Reply",
	code="PROMISE",
	doctype="Return Visit",
	due="doc.promised_reply_on",
	pending="doc.promised_reply_on is not null and doc.promised_reply_done_on is null",
	holder="doc.visitor",
	reminder_setting="remind_promised_reply_minutes",
)
ONE_MONTH_UNRESOLVED = Watch(  # IN-5: a valid complaint not resolved within the month is major
	deadline="One Month Unresolved",
	code="MAJOR",
	doctype="Complaint Register",
	# the rule's one home: in SQL, so that one query finds every such complaint. Calendar months as
	# MariaDB counts them: a month from 31 January ends on the last day of February
	due="date_add(doc.received_on, interval %(major_after_months)s month)",
	pending=f"doc.validity = 'Valid' and doc.classification != 'Major' and doc.status in ({UNRESOLVED})",
	holder="doc.registered_by",
	makes_major=True,
)

CORRECTIVE_ACTION_DUE = Watch(  # SV-6: due by the end of its day
	deadline="Corrective Action Due",
	code="ACTION",
	doctype="Survey Corrective Action",
	due="timestamp(doc.due_on, '23:59:59')",
	pending="doc.status = 'Rectifying'",
	holder="(select team.head from `tabService Team` team where team.name = doc.service_team)",
	only_deadline=True,
)
MEETING_ACTION_DUE = Watch(  # RC-2, RC-3: a decision of the analysis meeting, due by the end of its day
	deadline="Meeting Action Due",
	code="MEETING",
	doctype="Meeting Action",
	due="timestamp(doc.due_on, '23:59:59')",
	pending="doc.status = 'Rectifying'",
	holder="coalesce(doc.responsible_user, "
	"(select team.head from `tabService Team` team where team.name = doc.service_team))",
	only_deadline=True,
)

HANDLING_CHECK_ACTION_DUE = Watch(  # RC-5: a check's action, due by the end of its day
	deadline="Handling Check Action Due",
	code="CHECKACT",
	doctype="Handling Check Action",
	due="timestamp(doc.due_on, '23:59:59')",
	pending="doc.status = 'Rectifying'",
	holder="coalesce(doc.responsible_user, "
	"(select team.head from `tabService Team` team where team.name = doc.service_team))",
	only_deadline=True,
)

APPEAL_RESULT_DUE = Watch(  # IN-13: the written result of an appeal against a report
	deadline="Appeal Result Due",
	code="APPEAL",
	doctype="Report Appeal",
	due="doc.result_due",
	pending="doc.status in ('Lodged', 'Under Review')",
	holder="doc.quality_lead",
	only_deadline=True,
)

KEY_RESIDENT_CONTACT_DUE = Watch(  # IN-7: a key resident's planned contact, due by the end of its day
	deadline="Key Resident Contact Due",
	code="KEYRES",
	doctype="Key Resident Contact",
	due="timestamp(doc.due_on, '23:59:59')",
	pending="doc.status = 'To Contact'",
	holder="doc.contacted_by",
	only_deadline=True,
)
OWNER_FORUM_DUE = Watch(  # RC-6: the estate's next owner forum, due by the end of its day
	deadline="Owner Forum Due",
	code="FORUM",
	doctype="Owner Forum",
	due="timestamp(doc.due_by, '23:59:59')",
	pending="doc.status = 'Planned'",
	holder="(select estate.service_centre_manager from `tabEstate` estate where estate.name = doc.estate)",
	only_deadline=True,
)
RECTIFICATION_NOTICE_DUE = Watch(  # RV-7: the written notice to the technician, rectified within 24 h
	deadline="Rectification Notice Due",
	code="RECTIFY",
	doctype="Rectification Notice",
	due="doc.due_on",
	pending="doc.status = 'Awaiting Rectification'",
	holder="doc.technician",
	only_deadline=True,
)

# what each scheduled sweep watches (hooks.py scheduler_events)
FREQUENT = (WORK_ORDER_DISPATCH,)
HOURLY = (
	COMPLAINT_ACCEPTANCE,
	COMPLAINT_REPLY,
	FINAL_ANSWER_DUE,
	HANDLING_NOTICE_DUE,
	RETURN_VISIT_DUE,
	PROMISED_REPLY,
	APPEAL_RESULT_DUE,
	RECTIFICATION_NOTICE_DUE,
)
DAILY = (
	ONE_MONTH_UNRESOLVED,
	CORRECTIVE_ACTION_DUE,
	MEETING_ACTION_DUE,
	HANDLING_CHECK_ACTION_DUE,
	KEY_RESIDENT_CONTACT_DUE,
	OWNER_FORUM_DUE,
)
WATCHES = FREQUENT + HOURLY + DAILY
WATCH_BY_DEADLINE = {watch.deadline: watch for watch in WATCHES}


def sweep_frequent():
	sweep(FREQUENT)
	pick_up_pending()


def sweep_hourly():
	sweep(HOURLY)
	pick_up_pending()


def sweep_daily():
	sweep(DAILY)
	pick_up_pending()


def sweep(
	watches=WATCHES, *, now=None, batch_size: int = BATCH_SIZE, carry_out_now: bool = False
) -> dict[str, int]:
	"""Raise every breach and reminder due by `now` and hand each batch to the background jobs that carry
	it out (in this process, batch after batch, with `carry_out_now`, and in tests); returns how many of
	each were raised."""
	raised = {BREACH: 0, REMINDER: 0}
	for _watch, alert, names in claim_alerts(watches, now=now, batch_size=batch_size):
		raised[alert] += len(names)
		hand_over(names, carry_out_now)
	return raised


# Finding and claiming, set-based


def claim_alerts(watches=WATCHES, *, now=None, batch_size: int = BATCH_SIZE):
	"""Claim every breach and reminder due by `now`; yields (watch, alert, names) for each batch once it
	is committed."""
	now = get_datetime(now) if now else now_datetime()
	settings = get_settings()
	for watch in watches:
		yield from claim_batches(watch, BREACH, now, settings, batch_size)
		lead = settings.get(watch.reminder_setting) if watch.reminder_setting else 0
		if lead:
			yield from claim_batches(watch, REMINDER, now, settings, batch_size, lead)


def claim_batches(watch: Watch, alert: str, now, settings, batch_size: int, lead_minutes: int = 0):
	while rows := find_unalerted(watch, alert, now, settings, batch_size, lead_minutes):
		with one_transaction("deadline_batch"):
			names = claim_batch(watch, alert, rows, now)
		yield watch, alert, names
		if len(rows) < batch_size:
			break


def insert_rows(doctype: str, fields: list[str], rows: list, ignore_duplicates: bool = False) -> int:
	"""One multi-row INSERT into the app's own table; returns how many rows it wrote. Frappe's
	bulk_insert builds the same statement through the query builder, which costs more than the database
	does at the sizes a sweep writes."""
	if not rows:
		return 0
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	frappe.db.sql(
		f"insert {'ignore' if ignore_duplicates else ''} into `tab{doctype}` ({columns}) "
		f"values {', '.join([placeholders] * len(rows))}",
		[value for row in rows for value in row],
	)
	return frappe.db._cursor.rowcount


def alert_name(alert: str, watch: Watch, reference_name: str) -> str:
	return f"{ALERT_CODE[alert]}-{watch.code}-{reference_name}"


def find_unalerted(watch: Watch, alert: str, now, settings, batch_size: int, lead_minutes: int):
	case = "case_doc" if watch.case_link else "doc"
	join = (
		f"join `tabComplaint Register` case_doc on case_doc.name = doc.`{watch.case_link}`"
		if watch.case_link
		else ""
	)
	if alert == BREACH:
		window = f"{watch.due} <= %(now)s"
		if watch.only_deadline:
			window += " and doc.deadline_breached = 0"
	else:
		window = f"{watch.due} > %(now)s and {watch.due} <= %(remind_from)s"
	return frappe.db.sql(
		f"""
		select doc.name as reference_name, {case}.name as case_name, {case}.estate as estate,
			{case}.escalation_level as level, {watch.due} as due_on, {watch.holder} as holder
		from `tab{watch.doctype}` doc {join}
		left join `tabDeadline Alert` alert on alert.name = concat(%(prefix)s, doc.name)
		where {watch.pending} and {window} and alert.name is null
		order by {watch.due}
		limit %(batch_size)s
		""",
		{
			"now": now,
			"remind_from": add_to_date(now, minutes=lead_minutes),
			"prefix": alert_name(alert, watch, ""),
			"batch_size": batch_size,
			"major_after_months": settings.major_after_months,
		},
		as_dict=True,
	)


def case_is_complaint(watch: Watch) -> bool:
	return watch.case_doctype == "Complaint Register"


def claim_batch(watch: Watch, alert: str, rows, now) -> list[str]:
	"""Who is told and where each case goes, decided for the batch at once; the alerts written and the
	late documents marked. Returns the names of the alerts this sweep claimed."""
	people, ladder = estate_people({row.estate for row in rows}), get_ladder()
	for row in rows:
		deciders = people.get(row.estate, {})
		if alert == BREACH:
			row.to_level = watch.level_after(row.level, ladder)
			row.notified = ladder.first_decider(deciders, row.to_level)[1]
		else:
			row.to_level = row.level
			row.notified = holder_at(row, deciders, ladder)
	claimed = claim(watch, alert, rows, now)
	if claimed and alert == BREACH:
		mark_late(watch, [row.reference_name for row in claimed], now)
	return [alert_name(alert, watch, row.reference_name) for row in claimed]


def estate_people(estates) -> dict[str, dict[str, str]]:
	estate = frappe.qb.DocType("Estate")
	people = (
		frappe.qb.from_(estate)
		.select(estate.name, estate.service_centre_manager, *escalation.DECIDER_FIELD.values())
		.where(estate.name.isin(list(estates)))
		.run(as_dict=True)
	)
	return {
		estate.name: {
			"Assistant": estate.service_centre_manager,
			**{level: estate[field] for level, field in escalation.DECIDER_FIELD.items()},
		}
		for estate in people
	}


def holder_at(row, deciders, ladder: escalation.Ladder = escalation.DEFAULT_LADDER) -> str | None:
	"""Who is reminded: the person at the case's level; at the front desk whoever has it in hand, else
	the service-centre manager who runs the desk."""
	if ladder.rank(row.level) > 0:
		return ladder.first_decider(deciders, row.level)[1]
	return row.holder or deciders.get("Assistant")


def claim(watch: Watch, alert: str, rows, now):
	"""Write the alerts, pending; a row another sweep claimed first is left to it."""
	run = frappe.generate_hash(length=16)
	written = insert_rows(
		"Deadline Alert",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
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
			"sweep_run",
			"status",
		],  # fmt: skip
		[
			(
				alert_name(alert, watch, row.reference_name),
				now,
				now,
				SWEEPER,
				SWEEPER,
				alert,
				watch.deadline,
				row.due_on,
				now,
				row.estate,
				watch.doctype,
				row.reference_name,
				watch.case_doctype,
				row.case_name,
				row.level,
				row.to_level,
				row.notified,
				run,
				TO_CARRY_OUT,
			)  # fmt: skip
			for row in rows
		],
		ignore_duplicates=True,
	)
	if written == len(rows):
		return rows  # as usual, no other sweep was first to any of them
	table = frappe.qb.DocType("Deadline Alert")
	claimed = set(
		frappe.qb.from_(table).select(table.reference_name).where(table.sweep_run == run).run(pluck=True)
	)
	return [row for row in rows if row.reference_name in claimed]


def mark_late(watch: Watch, names: list[str], now):
	"""`deadline_breached` and when it first happened, on every late document of the batch at once (the
	version history records it when the alert is carried out)."""
	frappe.db.sql(
		f"""update `tab{watch.doctype}`
		set deadline_breached = 1, breached_on = coalesce(breached_on, %(now)s),
			modified = %(now)s, modified_by = %(sweeper)s
		where name in %(names)s""",
		{"now": now, "sweeper": SWEEPER, "names": names},
	)


# Carrying out, through Frappe, from the outbox


def hand_over(names: list[str], carry_out_now: bool = False):
	"""The claimed alerts to background jobs, a few at a time so that several workers share a burst."""
	for start in range(0, len(names), JOB_SIZE):
		frappe.enqueue(
			"property_service.deadline_sweep.carry_out",
			alerts=names[start : start + JOB_SIZE],
			# Frappe's own notifications run at once in tests too (notification_log.enqueue_create_notification)
			now=carry_out_now or bool(frappe.flags.in_test),
		)


def pick_up_pending():
	"""What a killed worker or a lost job left pending is carried out by a job of its own."""
	alert = frappe.qb.DocType("Deadline Alert")
	left = (
		frappe.qb.from_(alert)
		.select(alert.name)
		.where(alert.status == TO_CARRY_OUT)
		.where(alert.raised_on < add_to_date(now_datetime(), minutes=-PICK_UP_AFTER_MINUTES))
		.limit(1)
		.run()
	)
	if left:
		frappe.enqueue(
			"property_service.deadline_sweep.carry_out",
			queue="long",
			job_id="property_service.deadline_sweep.pick_up_pending",
			deduplicate=True,
		)


def carry_out(alerts: list[str] | None = None) -> int:
	"""The background job: carries out the pending alerts named, in their order (all pending alerts,
	oldest first, when none are named), one at a time, each in one transaction with its alert marked
	Carried Out. Returns how many it carried out."""
	user, done, refused, deadlocks = frappe.session.user, 0, set(), 0
	named = deque(alerts) if alerts is not None else None
	# the sweep acts in the system's name, whoever's request or job started it
	frappe.set_user(SWEEPER)
	if not frappe.flags.in_test:
		# each alert's transaction starts afresh: what it reads is read once it holds its case, so it
		# sees what another worker committed on that case meanwhile (MariaDB's repeatable read)
		frappe.db.commit()
	try:
		while True:
			alert = None
			try:
				with one_transaction("deadline_alert"):
					alert = next_pending(named, refused)
					if not alert:
						break
					if carry_out_alert(alert):
						done += 1
					else:
						refused.add(alert.name)
			except frappe.QueryDeadlockError:
				# two workers' alerts waited on each other (neighbouring rows of an index); MariaDB undid
				# this one's transaction, so the alert is pending again and is taken afresh
				deadlocks += 1
				if deadlocks > MAX_DEADLOCKS:
					raise
				if alert and named is not None:
					named.appendleft(alert.name)
	finally:
		frappe.set_user(user)
	return done


def next_pending(named: deque | None, refused: set[str]):
	"""The next pending alert no other worker holds, locked until this transaction ends: the next of
	those named (one another worker holds, or has carried out, is passed over), or the oldest of all."""
	table = frappe.qb.DocType("Deadline Alert")
	pending = (
		frappe.qb.from_(table)
		.select("*")
		.where(table.status == TO_CARRY_OUT)
		.limit(1)
		.for_update(skip_locked=True)
	)
	if named is None:
		query = pending.orderby(table.raised_on).orderby(table.name)
		if refused:
			query = query.where(table.name.notin(list(refused)))
		found = query.run(as_dict=True)
		return found[0] if found else None
	while named:
		if found := pending.where(table.name == named.popleft()).run(as_dict=True):
			return found[0]
	return None


def carry_out_alert(alert) -> bool:
	"""The alert's effects, and the alert marked Carried Out; False, with the reason kept on the alert,
	when a document refused the change (the alert stays To Carry Out and the next pick-up tries again)."""
	watch = WATCH_BY_DEADLINE[alert.deadline]
	frappe.db.savepoint("deadline_effects")
	try:
		if alert.alert == BREACH:
			escalate(watch, alert)
		notify(watch, alert)
	except frappe.ValidationError as refusal:
		frappe.db.rollback(save_point="deadline_effects")
		keep_refusal(alert, refusal)
		return False
	frappe.db.release_savepoint("deadline_effects")
	table = frappe.qb.DocType("Deadline Alert")
	(
		frappe.qb.update(table)
		.set(table.status, CARRIED_OUT)
		.set(table.done_on, now_datetime())
		.set(table.not_done_because, None)
		.where(table.name == alert.name)
		.run()
	)
	return True


def keep_refusal(alert, refusal: Exception):
	frappe.clear_messages()
	reason = str(refusal) or refusal.__class__.__name__
	if reason == alert.not_done_because:
		return  # said already, on an earlier attempt
	frappe.db.set_value("Deadline Alert", alert.name, "not_done_because", reason, update_modified=False)
	frappe.log_error(
		title=_("Deadline alert {0} not carried out").format(alert.name),
		reference_doctype="Deadline Alert",
		reference_name=alert.name,
	)


def escalate(watch: Watch, alert):
	"""ES-3: the late document's history, the assignment, then the case one level up through its
	controller and workflow."""
	# the case first, so that two workers with alerts on one case take turns, each seeing the other's work
	frappe.db.get_value(alert.case_doctype, alert.case_name, "name", for_update=True)
	record_marking(watch, alert)
	reason = escalation_reason(watch, alert)
	assign(alert, reason)
	move_up(watch, alert, reason)


def record_marking(watch: Watch, alert):
	"""The claim marked the late document set-based; its version history says so, once, as Frappe writes
	it for anyone's change (frappe.core.doctype.version)."""
	if get_datetime(frappe.db.get_value(watch.doctype, alert.reference_name, "breached_on")) != get_datetime(
		alert.raised_on
	):
		return  # breached before, by another of its deadlines: the claim changed nothing on it
	marked = '["deadline_breached",0,1]'
	if frappe.db.exists(
		"Version",
		{"ref_doctype": watch.doctype, "docname": alert.reference_name, "data": ("like", f"%{marked}%")},
	):
		return  # two deadlines of one document missed in the same sweep: told once
	data = {
		"changed": [["deadline_breached", 0, 1], ["breached_on", None, str(alert.raised_on)]],
		"added": [],
		"removed": [],
		"row_changed": [],
	}
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": watch.doctype,
			"docname": alert.reference_name,
			"data": frappe.as_json(data, indent=None, separators=(",", ":")),
		}
	).insert(ignore_permissions=True)


def assign(alert, reason: str):
	"""A Frappe assignment (ToDo) of the case to the person at the new level, unless they already hold
	one. The ToDo document rather than assign_to.add: add() always tells the person of the assignment
	by a notification of its own (v15 has no way to leave it out), and the alert's notification already
	says why; the ToDo keeps the case's `_assign` and timeline as add() would."""
	if not alert.notified:
		return
	held = frappe.db.get_value(
		"ToDo",
		{
			"reference_type": alert.case_doctype,
			"reference_name": alert.case_name,
			"allocated_to": alert.notified,
			"status": "Open",
		},
		"name",
	)
	if held:
		return
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"status": "Open",
			"priority": "High",
			"description": reason,
			"reference_type": alert.case_doctype,
			"reference_name": alert.case_name,
			"allocated_to": alert.notified,
			"assigned_by": SWEEPER,
			"date": today(),
		}
	).insert(ignore_permissions=True)


def move_up(watch: Watch, alert, reason: str):
	"""The case to the alert's level, never down (it may have gone further since the claim), and a
	complaint in hand to the "Escalated to …" state of that level where its workflow has that step. The
	complaint's controller records the escalation with the reason (ES-1) and would assign the decider,
	who holds the assignment already. Frappe's apply_workflow is not used: it reloads the document and
	takes only the action, and the controller refuses an escalation without its reason. So the state is
	set as the "Escalate to …" transition sets it, and Frappe's validate_workflow checks on save that the
	transition exists from the current state (the sweeper holds every role). A complaint whose state has
	no such step (made major by hand while with the supervisor, say) keeps its state and goes up a level,
	as the app's move_case leaves a case where the workflow has no step for it."""
	case, ladder = frappe.get_doc(alert.case_doctype, alert.case_name), get_ladder()
	changed = False
	if ladder.rank(alert.to_level) > ladder.rank(case.escalation_level):
		if case_is_complaint(watch) and case.status in complaint_states.IN_HAND:
			state = complaint_states.ESCALATED_STATE_BY_LEVEL[alert.to_level]
			if any(step.next_state == state for step in get_transitions(case)):
				case.status = state
		case.escalation_level = alert.to_level
		if case_is_complaint(watch):
			case.escalation_reason = reason
		changed = True
	if watch.makes_major and case.classification != "Major":
		case.classification = "Major"  # IN-5
		changed = True
	if not changed:
		return
	case.flags.ignore_permissions = True
	case.save(ignore_version=False)  # the history is kept (RE-1): Frappe leaves it out in tests otherwise
	if case.has_value_changed("status"):
		case.add_comment("Workflow", _(case.status))  # the timeline's line, as apply_workflow writes it


def escalation_reason(watch: Watch, alert, lang: str | None = None) -> str:
	if watch.makes_major:
		return _("Not resolved within {0} month(s) of receipt: the complaint is major.", lang=lang).format(
			get_settings().major_after_months
		)
	late = alert.reference_name if watch.case_link else _(watch.deadline, lang=lang)
	return _("Deadline missed: {0} was due {1}.", lang=lang).format(late, when(alert.due_on))


def notify(watch: Watch, alert):
	"""A Notification Log for the person, in their language, through Frappe's own make_notification_logs:
	Frappe shows it in their bell and emails it as their notification settings ask (none for someone
	who turned notifications off or is disabled)."""
	if not alert.notified:
		return
	lang = frappe.db.get_value("User", alert.notified, "language") or frappe.db.get_default("lang")
	make_notification_logs(
		{
			"type": "Alert",
			"subject": notification_subject(watch, alert, lang),
			"document_type": watch.doctype,
			"document_name": alert.reference_name,
			"from_user": SWEEPER,
		},
		[alert.notified],
	)


def notification_subject(watch: Watch, alert, lang: str) -> str:
	if alert.alert == REMINDER:
		return _("Due soon: {0} of {1} is due {2}.", lang=lang).format(
			_(watch.deadline, lang=lang), alert.reference_name, when(alert.due_on)
		)
	if alert.to_level != alert.from_level:
		return _("Escalated to you: {0}", lang=lang).format(escalation_reason(watch, alert, lang))
	return _("Deadline missed on {0}: {1}", lang=lang).format(
		alert.case_name, escalation_reason(watch, alert, lang)
	)


def when(moment) -> str:
	# one unambiguous form for every reader, and far cheaper than Babel's at thousands of rows
	return get_datetime(moment).strftime("%Y-%m-%d %H:%M")
