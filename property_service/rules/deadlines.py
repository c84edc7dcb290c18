"""Complaint deadlines in calendar time (working calendars come later)."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta


def acceptance_due(received_on: datetime, acceptance_hours: int) -> datetime:
	"""A complaint is accepted (acknowledged to the complainant) within this many hours. # rule IN-4"""
	return received_on + timedelta(hours=acceptance_hours)


def reply_due(received_on: datetime, reply_days: int) -> datetime:
	"""The complainant is told the remedial measures within this many days of registration. # rule HN-3"""
	return received_on + timedelta(days=reply_days)


def becomes_major_on(received_on: datetime, major_after_months: int) -> datetime:
	"""A valid complaint not resolved by this moment is major. # rule IN-5"""
	return received_on + relativedelta(months=major_after_months)
