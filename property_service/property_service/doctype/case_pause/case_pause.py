"""A case's clock stops while it waits on the resident (e.g. no access to the unit) and starts again;
the deadlines still ahead move on by the paused time, in the estate's working time when it keeps one."""

from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from property_service.controllers.kept_row import KeptRecordRow
from property_service.rules.working_calendar import WorkingCalendar, deadline_after_pauses


class CasePause(KeptRecordRow):
	pass


def pause_clock(case, reason: str) -> Callable[[], None]:
	"""Refuse a pause that cannot be, before anything is saved; return the change that pauses the clock
	(the clock's fields are the app's: records.save_with_app_change makes it)."""
	if case.paused_since:
		frappe.throw(_("The clock is already paused."))
	if not (reason or "").strip():
		frappe.throw(_("Say what the case is waiting on the resident for."))

	def pause():
		now = now_datetime()
		case.paused_since = now
		case.append("pauses", {"paused_on": now, "reason": reason.strip(), "paused_by": frappe.session.user})

	return pause


def resume_clock(
	case, deadlines: tuple[tuple[str, str], ...], calendar: WorkingCalendar | None
) -> Callable[[], None]:
	"""Refuse to resume a clock that runs; return the change that resumes it. `deadlines`: (deadline
	field, the field that says it was met); only deadlines not met yet move."""
	if not case.paused_since:
		frappe.throw(_("The clock is not paused."))

	def resume():
		now = now_datetime()
		pause = case.pauses[-1]
		pause.resumed_on = now
		span = [(get_datetime(pause.paused_on), now)]
		for due_field, met_field in deadlines:
			if case.get(due_field) and not case.get(met_field):
				due = deadline_after_pauses(get_datetime(case.get(due_field)), span, now, calendar)
				case.set(due_field, due)
		case.paused_since = None

	return resume
