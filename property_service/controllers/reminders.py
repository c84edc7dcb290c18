"""What the office is reminded of once a day, besides the deadline sweep (hooks.py: scheduler_events).

- RV-9: a return visit made but not recorded by its day is marked late, and its visitor told.
- SV-1: an estate whose last owner opinion survey started longer ago than the survey frequency is
  due another, and its service-centre manager (who holds the assistant's level, as in the sweep) gets
  a to-do to plan it, once for each due date.

Each runs in documents (the visit saved with its mark, a Notification Log, Frappe's assign_to), so
Frappe's bell, e-mail and version history follow, and each commits per record: run twice, or after a
failure half-way, it does nothing twice.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.query_builder.functions import Max
from frappe.utils import formatdate, getdate, today

from property_service.controllers.settings import get_settings
from property_service.controllers.transactions import one_transaction
from property_service.records import save_with_app_change
from property_service.rules import surveys


def send_daily_reminders():
	for job in (mark_late_visit_records, remind_surveys_due):
		try:
			job()
		except Exception:
			# one job's failure leaves the other to run; what it did before is committed
			frappe.log_error(f"Daily reminder {job.__name__} failed")


@contextmanager
def one_record(what: str):
	"""What is done for one record commits on its own; a failure undoes that record's part only, is
	logged, and the job goes on with the next record."""
	try:
		with one_transaction("reminder"):
			yield
	except Exception:
		frappe.log_error(f"Daily reminder not made: {what}")


def staff_language(user: str) -> str:
	"""The to-dos and notifications the app writes are in the reader's language."""
	return frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"


def mark_late_visit_records():
	"""RV-9: the visits made (Visited On) whose record was not completed by its day."""
	for name in frappe.get_all(
		"Return Visit",
		filters={"status": "To Visit", "record_late": 0, "record_due_on": ("<", today())},
		pluck="name",
	):
		with one_record(f"late record of {name}"):  # marked and told together
			mark_late_visit_record(name)


def mark_late_visit_record(name: str):
	visit = frappe.get_doc("Return Visit", name, for_update=True)
	if visit.status != "To Visit" or visit.record_late:
		return  # recorded, or marked by another run, since it was found
	visit.flags.ignore_permissions = True  # the office's watch, not anyone's edit
	save_with_app_change(visit, lambda: visit.set("record_late", 1))
	if not visit.visitor:
		return
	lang = staff_language(visit.visitor)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": visit.visitor,
			"type": "Alert",
			"document_type": visit.doctype,
			"document_name": visit.name,
			"subject": _(
				"Record overdue: return visit {0} of {1} was to be recorded by {2}.", lang=lang
			).format(visit.name, visit.reference_name, formatdate(visit.record_due_on)),
		}
	).insert(ignore_permissions=True)


def surveys_due(on=None) -> list[frappe._dict]:
	"""SV-1: each estate due a survey by `on` (today): its last survey's start, or the estate's
	creation when it has had none, plus the survey frequency."""
	on = getdate(on or today())
	survey = frappe.qb.DocType("Opinion Survey")
	last_start = dict(
		frappe.qb.from_(survey)
		.select(survey.estate, Max(survey.collection_start))
		.groupby(survey.estate)
		.run()
	)
	frequency = get_settings().survey_frequency
	due = []
	for estate in frappe.get_all(
		"Estate", fields=["name", "creation", "service_centre_manager", "service_supervisor"]
	):
		last = last_start.get(estate.name)
		estate.due_on = surveys.next_survey_due(getdate(last or estate.creation), frequency)
		estate.last_start = last
		if estate.due_on <= on:
			due.append(estate)
	return due


def remind_surveys_due():
	for estate in surveys_due():
		user = estate.service_centre_manager or estate.service_supervisor
		if not (user and frappe.db.get_value("User", user, "enabled")):
			continue
		reminded = {
			"reference_type": "Estate",
			"reference_name": estate.name,
			"allocated_to": user,
			"date": estate.due_on,
		}
		if frappe.db.exists("ToDo", reminded):
			continue  # once for each due date, whether or not its to-do is still open
		lang = staff_language(user)
		if estate.last_start:
			description = _(
				"Owner opinion survey of {0} due by {1}: the last one started {2}. Plan the next one.",
				lang=lang,
			).format(estate.name, formatdate(estate.due_on), formatdate(estate.last_start))
		else:
			description = _(
				"Owner opinion survey of {0} due by {1}: the estate has had none yet. Plan one.", lang=lang
			).format(estate.name, formatdate(estate.due_on))
		with one_record(f"survey due at {estate.name}"):
			add_assignment(
				{
					"assign_to": [user],
					"doctype": "Estate",
					"name": estate.name,
					"description": description,
					"date": estate.due_on,
				},
				ignore_permissions=True,
			)
