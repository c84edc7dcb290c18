"""The deadline sweeps: every deadline in the rules is watched without anyone remembering to look.

For each watched deadline a sweep finds, a batch at a time, the documents past their deadline (or
close to it) that have no alert of that kind yet. A batch is one transaction: it claims its alerts,
marks the late documents, moves each case one level up with the escalation record, an assignment and
a notification to the person, and commits (ES-3). An alert's name is the deadline and the document,
so a breach is claimed once: run twice, or killed half-way and run again, and each breach escalates
and notifies exactly once (a committed batch left its alerts behind, a killed one left nothing).

A batch costs about a dozen queries whatever its size; no document is loaded.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime

from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules import complaint_states, escalation

BREACH = "Deadline Breach"
REMINDER = "Near-Breach Reminder"
ALERT_CODE = {BREACH: "BREACH", REMINDER: "REMIND"}
BATCH_SIZE = 1000
SWEEPER = "Administrator"

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

	def level_after(self, level: str) -> str:
		if self.makes_major:
			return escalation.required_level("Major", level)  # ES-2
		return escalation.level_after_breach(level)  # ES-3


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

# what each scheduled sweep watches (hooks.py scheduler_events)
FREQUENT = (WORK_ORDER_DISPATCH,)
HOURLY = (COMPLAINT_ACCEPTANCE, COMPLAINT_REPLY, HANDLING_NOTICE_DUE, RETURN_VISIT_DUE, PROMISED_REPLY)
DAILY = (ONE_MONTH_UNRESOLVED, CORRECTIVE_ACTION_DUE, MEETING_ACTION_DUE)
WATCHES = FREQUENT + HOURLY + DAILY


def sweep_frequent():
	sweep(FREQUENT)


def sweep_hourly():
	sweep(HOURLY)


def sweep_daily():
	sweep(DAILY)


def sweep(watches=WATCHES, *, now=None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
	"""Raise every breach and reminder due by `now`; returns how many of each were raised."""
	now = get_datetime(now) if now else now_datetime()
	settings = get_settings()
	raised = {BREACH: 0, REMINDER: 0}
	for watch in watches:
		raised[BREACH] += raise_alerts(watch, BREACH, now, settings, batch_size)
		lead = settings.get(watch.reminder_setting) if watch.reminder_setting else 0
		if lead:
			raised[REMINDER] += raise_alerts(watch, REMINDER, now, settings, batch_size, lead)
	return raised


def insert_rows(doctype: str, fields: list[str], rows: list, ignore_duplicates: bool = False):
	"""One multi-row INSERT. Frappe's bulk_insert builds the same statement through the query builder,
	which costs more than the database does at the sizes a sweep writes."""
	if not rows:
		return
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	frappe.db.sql(
		f"insert {'ignore' if ignore_duplicates else ''} into `tab{doctype}` ({columns}) "
		f"values {', '.join([placeholders] * len(rows))}",
		[value for row in rows for value in row],
	)


def alert_name(alert: str, watch: Watch, reference_name: str) -> str:
	return f"{ALERT_CODE[alert]}-{watch.code}-{reference_name}"


def raise_alerts(watch: Watch, alert: str, now, settings, batch_size: int, lead_minutes: int = 0) -> int:
	raised = 0
	while rows := find_unalerted(watch, alert, now, settings, batch_size, lead_minutes):
		with one_batch():
			raised += raise_batch(watch, alert, rows, now)
		if len(rows) < batch_size:
			break
	return raised


@contextmanager
def one_batch():
	"""Each batch commits on its own; a failure undoes the batch and nothing before it."""
	if frappe.flags.in_test:
		# the test's transaction is rolled back after the test: a savepoint stands in for the commit
		frappe.db.savepoint("deadline_batch")
		try:
			yield
		except Exception:
			frappe.db.rollback(save_point="deadline_batch")
			raise
		frappe.db.release_savepoint("deadline_batch")
		return
	try:
		yield
	except Exception:
		frappe.db.rollback()
		raise
	frappe.db.commit()


def find_unalerted(watch: Watch, alert: str, now, settings, batch_size: int, lead_minutes: int):
	case = "case_doc" if watch.case_link else "doc"
	join = (
		f"join `tabComplaint Register` case_doc on case_doc.name = doc.`{watch.case_link}`"
		if watch.case_link
		else ""
	)
	classification = f"{case}.classification" if case_is_complaint(watch) else "null"
	if alert == BREACH:
		window = f"{watch.due} <= %(now)s"
		if watch.only_deadline:
			window += " and doc.deadline_breached = 0"
	else:
		window = f"{watch.due} > %(now)s and {watch.due} <= %(remind_from)s"
	return frappe.db.sql(
		f"""
		select doc.name as reference_name, {case}.name as case_name, {case}.estate as estate,
			{case}.escalation_level as level, {case}.status as case_status, {case}._assign as assigned,
			{classification} as classification,
			doc.deadline_breached, doc.breached_on, {watch.due} as due_on, {watch.holder} as holder
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


def raise_batch(watch: Watch, alert: str, rows, now) -> int:
	people = estate_people({row.estate for row in rows})
	for row in rows:
		deciders = people.get(row.estate, {})
		if alert == BREACH:
			row.to_level = watch.level_after(row.level)
			row.notified = escalation.first_decider(deciders, row.to_level)[1]
		else:
			row.to_level = row.level
			row.notified = holder_at(row, deciders)
	rows = claim(watch, alert, rows, now)
	if not rows:
		return 0
	if alert == BREACH:
		changes = mark_late(watch, rows, now)
		escalate_cases(watch, rows, now, changes)
		assign(watch, rows, now)
		record_versions(changes, now)
	notify(watch, alert, rows, now)
	return len(rows)


def estate_people(estates) -> dict[str, dict[str, str]]:
	people = frappe.get_all(
		"Estate",
		filters={"name": ("in", list(estates))},
		fields=["name", "service_centre_manager", *escalation.DECIDER_FIELD.values()],
	)
	return {
		estate.name: {
			"Assistant": estate.service_centre_manager,
			**{level: estate[field] for level, field in escalation.DECIDER_FIELD.items()},
		}
		for estate in people
	}


def holder_at(row, deciders) -> str | None:
	"""Who is reminded: the person at the case's level; at the front desk whoever has it in hand, else
	the service-centre manager who runs the desk."""
	if escalation.rank(row.level) > 0:
		return escalation.first_decider(deciders, row.level)[1]
	return row.holder or deciders.get("Assistant")


def claim(watch: Watch, alert: str, rows, now):
	"""Write the alerts; a row another sweep claimed first is left to it."""
	run = frappe.generate_hash(length=16)
	insert_rows(
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
			)  # fmt: skip
			for row in rows
		],
		ignore_duplicates=True,
	)
	claimed = set(frappe.get_all("Deadline Alert", filters={"sweep_run": run}, pluck="reference_name"))
	return [row for row in rows if row.reference_name in claimed]


def mark_late(watch: Watch, rows, now) -> dict:
	"""`deadline_breached` and when it first happened; returns the changes for the version history."""
	names = [row.reference_name for row in rows]
	frappe.db.sql(
		f"""update `tab{watch.doctype}`
		set deadline_breached = 1, breached_on = coalesce(breached_on, %(now)s),
			modified = %(now)s, modified_by = %(sweeper)s
		where name in %(names)s""",
		{"now": now, "sweeper": SWEEPER, "names": names},
	)
	changes = {}
	for row in rows:
		changed = changes.setdefault((watch.doctype, row.reference_name), {"changed": [], "added": []})
		if not row.deadline_breached:
			changed["changed"].append(["deadline_breached", 0, 1])
		if not row.breached_on:
			changed["changed"].append(["breached_on", None, str(now)])
	return changes


def escalate_cases(watch: Watch, rows, now, changes: dict):
	"""ES-3: one level up, in the workflow state that says so, with the record of who, when and why."""
	updates, escalation_rows = {}, []
	next_idx = next_escalation_idx(rows) if case_is_complaint(watch) else {}
	for row in rows:
		if row.case_name in updates:
			continue  # two late notices of one complaint in one sweep move it up once
		update = {}
		if row.to_level != row.level:
			update["escalation_level"] = row.to_level
			if case_is_complaint(watch) and row.case_status in complaint_states.IN_HAND:
				update["status"] = complaint_states.ESCALATED_STATE_BY_LEVEL[row.to_level]
		if watch.makes_major:
			update["classification"] = "Major"
		if not update:
			continue
		updates[row.case_name] = update
		changed = changes.setdefault((watch.case_doctype, row.case_name), {"changed": [], "added": []})
		before = {
			"escalation_level": row.level,
			"status": row.case_status,
			"classification": row.classification,
		}
		changed["changed"] += [[field, before[field], value] for field, value in update.items()]
		if case_is_complaint(watch) and row.to_level != row.level:
			record = escalation_record(watch, row, now, next_idx)
			escalation_rows.append(record)
			changed["added"].append(["escalations", record])
	grouped = {}
	for name, update in updates.items():
		grouped.setdefault(tuple(update.items()), []).append(name)
	for update, names in grouped.items():
		frappe.db.sql(
			f"""update `tab{watch.case_doctype}`
			set {", ".join(f"`{field}` = %s" for field, _value in update)}, modified = %s, modified_by = %s
			where name in %s""",
			[*(value for _field, value in update), now, SWEEPER, names],
		)
	if escalation_rows:
		fields = list(escalation_rows[0])
		insert_rows(
			"Complaint Escalation", fields, [[record[f] for f in fields] for record in escalation_rows]
		)


def next_escalation_idx(rows) -> dict[str, int]:
	names = list({row.case_name for row in rows})
	last = frappe.db.sql(
		"""select parent, max(idx) from `tabComplaint Escalation`
		where parenttype = 'Complaint Register' and parent in %(names)s group by parent""",
		{"names": names},
	)
	return {name: idx + 1 for name, idx in last}


def escalation_record(watch: Watch, row, now, next_idx: dict) -> dict:
	idx = next_idx.get(row.case_name, 1)
	next_idx[row.case_name] = idx + 1
	return {
		"name": frappe.generate_hash(length=10),
		"creation": now,
		"modified": now,
		"owner": SWEEPER,
		"modified_by": SWEEPER,
		"parent": row.case_name,
		"parenttype": "Complaint Register",
		"parentfield": "escalations",
		"idx": idx,
		"from_level": row.level,
		"to_level": row.to_level,
		"escalated_by": SWEEPER,
		"escalated_on": now,
		"assigned_to": row.notified,
		"reason": escalation_reason(watch, row),
	}


def escalation_reason(watch: Watch, row, lang: str | None = None) -> str:
	if watch.makes_major:
		return _("Not resolved within {0} month(s) of receipt: the complaint is major.", lang=lang).format(
			get_settings().major_after_months
		)
	late = row.reference_name if watch.case_link else _(watch.deadline, lang=lang)
	return _("Deadline missed: {0} was due {1}.", lang=lang).format(late, when(row.due_on))


def assign(watch: Watch, rows, now):
	"""A Frappe assignment (ToDo) to the person at the new level, unless they already hold one."""
	wanted = {(row.case_name, row.notified): row for row in rows if row.notified}
	if not wanted:
		return
	held = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": watch.case_doctype,
			"reference_name": ("in", list({case for case, _user in wanted})),
			"status": "Open",
		},
		fields=["reference_name", "allocated_to"],
	)
	for todo in held:
		wanted.pop((todo.reference_name, todo.allocated_to), None)
	if not wanted:
		return
	todos, newly_assigned = [], {}
	for (case_name, user), row in wanted.items():
		todos.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				SWEEPER,
				SWEEPER,
				"Open",
				"High",
				escalation_reason(watch, row),
				watch.case_doctype,
				case_name,
				user,
				SWEEPER,
				get_datetime(now).date(),
			)  # fmt: skip
		)
		if user not in json.loads(row.assigned or "[]"):
			newly_assigned.setdefault(user, []).append(case_name)
	insert_rows(
		"ToDo",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"status",
			"priority",
			"description",
			"reference_type",
			"reference_name",
			"allocated_to",
			"assigned_by",
			"date",
		],  # fmt: skip
		todos,
	)
	for user, names in newly_assigned.items():
		# the list Frappe keeps of who a document is assigned to, as ToDo.update_in_reference keeps it
		frappe.db.sql(
			f"""update `tab{watch.case_doctype}`
			set _assign = json_array_append(coalesce(nullif(_assign, ''), '[]'), '$', %s)
			where name in %s""",
			(user, names),
		)


def record_versions(changes: dict, now):
	"""The sweep's changes go into each document's history like anyone else's."""
	versions = [
		(
			frappe.generate_hash(length=10),
			now,
			now,
			SWEEPER,
			SWEEPER,
			doctype,
			name,
			json.dumps({**diff, "removed": [], "row_changed": []}, default=str),
		)  # fmt: skip
		for (doctype, name), diff in changes.items()
		if diff["changed"] or diff["added"]
	]
	insert_rows(
		"Version",
		["name", "creation", "modified", "owner", "modified_by", "ref_doctype", "docname", "data"],
		versions,
	)


def notify(watch: Watch, alert: str, rows, now):
	"""A system notification to each person, in their language; Frappe emails it when they asked for
	email notifications."""
	rows = [row for row in rows if row.notified]
	if not rows:
		return
	languages = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", list({row.notified for row in rows}))},
			fields=["name", "language"],
			as_list=True,
		)
	)
	site_language = frappe.db.get_default("lang")
	logs = []
	for row in rows:
		lang = languages.get(row.notified) or site_language
		logs.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				SWEEPER,
				SWEEPER,
				notification_subject(watch, alert, row, lang),
				row.notified,
				"Alert",
				watch.doctype,
				row.reference_name,
				SWEEPER,
				0,
			)  # fmt: skip
		)
	insert_rows(
		"Notification Log",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"subject",
			"for_user",
			"type",
			"document_type",
			"document_name",
			"from_user",
			"read",
		],  # fmt: skip
		logs,
	)
	users = list({row.notified for row in rows})
	# what NotificationLog.after_insert does for each: the bell shows them unseen, now
	frappe.db.sql("update `tabNotification Settings` set seen = 0 where name in %s", (users,))
	for user in users:
		frappe.publish_realtime("notification", user=user, after_commit=True)
	frappe.enqueue(
		"property_service.deadline_sweep.email_notifications",
		logs=[log[0] for log in logs],
		enqueue_after_commit=True,
	)


def notification_subject(watch: Watch, alert: str, row, lang: str) -> str:
	if alert == REMINDER:
		return _("Due soon: {0} of {1} is due {2}.", lang=lang).format(
			_(watch.deadline, lang=lang), row.reference_name, when(row.due_on)
		)
	if row.to_level != row.level:
		return _("Escalated to you: {0}", lang=lang).format(escalation_reason(watch, row, lang))
	return _("Deadline missed on {0}: {1}", lang=lang).format(
		row.case_name, escalation_reason(watch, row, lang)
	)


def when(moment) -> str:
	# one unambiguous form for every reader, and far cheaper than Babel's at thousands of rows
	return get_datetime(moment).strftime("%Y-%m-%d %H:%M")


def email_notifications(logs: list[str]):
	"""Frappe's own email of a notification, for those who asked for it (Notification Settings)."""
	from frappe.desk.doctype.notification_log.notification_log import send_notification_email
	from frappe.desk.doctype.notification_settings.notification_settings import (
		is_email_notifications_enabled_for_type,
	)

	for log in frappe.get_all("Notification Log", filters={"name": ("in", logs)}, fields=["*"]):
		if is_email_notifications_enabled_for_type(log.for_user, log.type):
			send_notification_email(log)
