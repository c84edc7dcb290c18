"""An appeal against a report the company issued (an inspection, test or measurement). # rule IN-13

Lodged in writing within a number of days of receiving the report; the written result is due a number
of days after the appeal is accepted, an urgent one a number of working days after. All three numbers
are settings."""

from datetime import date, datetime, time, timedelta

from property_service.rules.working_calendar import WorkingCalendar, add_working_days

# without the estate's service calendar, a working day is a weekday
WEEKDAYS_CALENDAR = WorkingCalendar(hours={day: (time.min, time.max) for day in range(5)})


def days_after_receipt(report_received_on: date, lodged_on: date) -> int:
	"""How many days after receiving the report the appeal was lodged."""
	return (lodged_on - report_received_on).days


def lodged_in_time(report_received_on: date, lodged_on: date, appeal_days: int) -> bool:
	"""An appeal lodged within `appeal_days` of receiving the report is accepted (the tenth day counts)."""
	return 0 <= days_after_receipt(report_received_on, lodged_on) <= appeal_days


def result_due(
	accepted_on: datetime,
	urgent: bool,
	result_days: int,
	urgent_working_days: int,
	calendar: WorkingCalendar | None = None,
) -> datetime:
	"""When the written result is due: `result_days` after acceptance (calendar days, or working days in the
	estate's working time when it keeps a service calendar), an urgent appeal `urgent_working_days`
	working days after (the estate's working days, else weekdays)."""
	if urgent:
		return add_working_days(accepted_on, urgent_working_days, calendar or WEEKDAYS_CALENDAR)
	if calendar:
		return add_working_days(accepted_on, result_days, calendar)
	return accepted_on + timedelta(days=result_days)
