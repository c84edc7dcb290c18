"""Complaint deadlines: in calendar time, or in an estate's working time when it keeps a service calendar."""

from datetime import datetime, time, timedelta

from property_service.rules.china_holidays import official_days_of_year
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


def official_working_week(years) -> WorkingCalendar:
	"""Working days where the estate keeps no service calendar: weekdays, less China's official
	holidays, plus the weekend days worked instead of them (调休), whole days."""
	days_off, make_up = set(), set()
	for year in years:
		holidays, worked, _missing = official_days_of_year(year)
		days_off |= holidays
		make_up |= worked
	whole_day = (time.min, time.max)
	return WorkingCalendar(
		hours={day: whole_day for day in range(5)},
		days_off=frozenset(days_off),
		make_up_days=frozenset(make_up),
		make_up_hours=whole_day,
	)


def final_answer_due(
	accepted_on: datetime,
	urgent: bool,
	answer_days: int,
	urgent_working_days: int,
	calendar: WorkingCalendar | None = None,
) -> datetime:
	"""The written final answer is due `answer_days` after acceptance (working days in the estate's
	working time when it keeps a service calendar), an urgent complaint's `urgent_working_days` working
	days after (the estate's working days, else the official working week). # rule IN-11"""
	if urgent:
		working = calendar or official_working_week(range(accepted_on.year, accepted_on.year + 2))
		return add_working_days(accepted_on, urgent_working_days, working)
	if calendar:
		return add_working_days(accepted_on, answer_days, calendar)
	return accepted_on + timedelta(days=answer_days)
