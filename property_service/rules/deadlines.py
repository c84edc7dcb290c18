"""Complaint deadlines: in calendar time, or in an estate's working time when it keeps a service calendar."""

from datetime import datetime, timedelta

from property_service.rules.working_calendar import WorkingCalendar, add_working_days, add_working_time


def acceptance_due(
	received_on: datetime, acceptance_hours: int, calendar: WorkingCalendar | None = None
) -> datetime:
	"""A complaint is accepted (acknowledged to the complainant) within this many hours. # rule IN-4"""
	if calendar:
		return add_working_time(received_on, timedelta(hours=acceptance_hours), calendar)
	return received_on + timedelta(hours=acceptance_hours)


def reply_due(received_on: datetime, reply_days: int, calendar: WorkingCalendar | None = None) -> datetime:
	"""The complainant is told the remedial measures within this many days of registration. # rule HN-3"""
	if calendar:
		return add_working_days(received_on, reply_days, calendar)
	return received_on + timedelta(days=reply_days)


def is_missed(due: datetime | None, met: datetime | None, now: datetime) -> bool:
	"""Whether a deadline was already missed: met after it, or not met and past it. A missed deadline is
	evidence and never moves (a correction of the received time leaves it as it was)."""
	if due is None:
		return False
	return (met or now) > due
