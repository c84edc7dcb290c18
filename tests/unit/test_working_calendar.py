from datetime import date, datetime, time, timedelta

import pytest

from property_service.rules.china_holidays import official_days
from property_service.rules.working_calendar import (
	WorkingCalendar,
	add_working_days,
	add_working_time,
	calendar_time_paused,
	deadline_after_pauses,
)

OFFICE = {weekday: (time(9), time(18)) for weekday in range(5)}  # Monday to Friday, 9:00–18:00
H = timedelta(hours=1)


def at(day, hour, minute=0):
	return datetime(2026, 3, day, hour, minute)  # March 2026: the 2nd is a Monday


@pytest.mark.parametrize(
	("start", "duration", "due"),
	[
		(at(3, 10), 2 * H, at(3, 12)),  # within a day
		(at(3, 9), 9 * H, at(3, 18)),  # ends exactly at closing
		(at(3, 17), 2 * H, at(4, 10)),  # over a night
		(at(3, 20), 1 * H, at(4, 10)),  # starts after closing
		(at(3, 7), 1 * H, at(3, 10)),  # starts before opening
		(at(6, 17), 2 * H, at(9, 10)),  # Friday evening over the weekend
		(at(7, 10), 1 * H, at(9, 10)),  # starts on a Saturday
		(at(2, 9), 45 * H, at(6, 18)),  # a whole working week
	],
)
def test_deadlines_in_working_time(start, duration, due):
	assert add_working_time(start, duration, WorkingCalendar(OFFICE)) == due


def test_days_off_are_skipped_and_make_up_days_worked():
	calendar = WorkingCalendar(
		OFFICE, days_off=frozenset({date(2026, 3, 4)}), make_up_days=frozenset({date(2026, 3, 7)})
	)
	assert add_working_time(at(3, 17), 2 * H, calendar) == at(5, 10), "Wednesday is off"
	assert add_working_time(at(6, 17), 2 * H, calendar) == at(7, 10), "Saturday is worked, on Monday's hours"
	custom = WorkingCalendar(
		OFFICE, make_up_days=frozenset({date(2026, 3, 7)}), make_up_hours=(time(10), time(12))
	)
	assert add_working_time(at(6, 17), 2 * H, custom) == at(7, 11)


def test_china_spring_festival_2026_from_the_holidays_library():
	holidays, make_up, missing = official_days(date(2026, 1, 1), date(2026, 12, 31))
	assert not missing
	assert date(2026, 2, 14) in make_up and date(2026, 2, 28) in make_up  # Saturdays worked (调休)
	assert date(2026, 2, 16) in holidays and date(2026, 2, 23) in holidays
	china = WorkingCalendar(OFFICE, days_off=holidays, make_up_days=make_up)
	assert add_working_time(datetime(2026, 2, 13, 17), 2 * H, china) == datetime(2026, 2, 14, 10)
	assert add_working_time(datetime(2026, 2, 14, 17), 2 * H, china) == datetime(2026, 2, 24, 10)


def test_years_without_holiday_data_are_reported_not_guessed():
	_, _, missing = official_days(date(2026, 12, 30), date(2027, 1, 2))
	assert missing == [2027]


def test_working_time_between():
	calendar = WorkingCalendar(OFFICE)
	assert calendar.working_time_between(at(6, 17), at(9, 10)) == 2 * H
	assert calendar.working_time_between(at(7, 8), at(8, 20)) == timedelta()


def test_a_calendar_without_working_days_is_an_error_not_a_hang():
	with pytest.raises(ValueError):
		add_working_time(at(3, 10), H, WorkingCalendar({}), max_days=30)


def test_paused_time_moves_the_deadline():  # issue 4: the clock stops while the case waits on the resident
	now = at(10, 12)
	pauses = [(at(3, 10), at(3, 12)), (at(9, 10), None)]  # two hours, then one still open since Monday 10:00
	assert calendar_time_paused(pauses, now) == 28 * H
	due = at(11, 12)
	assert deadline_after_pauses(due, pauses, now) == due + 28 * H
	# in working time, a pause over a weekend costs nothing
	weekend = [(at(6, 18), at(9, 9))]
	assert deadline_after_pauses(due, weekend, now, WorkingCalendar(OFFICE)) == due
	# 2 + (Monday 10–18 and Tuesday 9–12) = 13 working hours after Wednesday 17:00
	assert deadline_after_pauses(at(11, 17), pauses, now, WorkingCalendar(OFFICE)) == at(13, 12)


@pytest.mark.parametrize(
	("start", "days", "due"),
	[
		(at(2, 10), 3, at(5, 10)),  # Monday → Thursday, same time
		(at(5, 15), 3, at(10, 15)),  # Thursday → next Tuesday over the weekend
		(at(6, 20), 1, at(10, 9)),  # Friday evening: counts from Monday's opening
		(at(7, 11), 0, at(9, 9)),  # Saturday, no days: the next opening
	],
)
def test_working_days(start, days, due):
	assert add_working_days(start, days, WorkingCalendar(OFFICE)) == due


def test_complaint_deadlines_follow_the_estate_calendar():
	from property_service.rules import deadlines

	office = WorkingCalendar(OFFICE)
	assert deadlines.acceptance_due(at(6, 17), 24, office) == at(11, 14)  # 24 working hours
	assert deadlines.reply_due(at(6, 17), 3, office) == at(11, 17)
	assert deadlines.acceptance_due(at(6, 17), 24) == at(7, 17)  # calendar time, the default
