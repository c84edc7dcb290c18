"""Deadlines in working time: working hours per weekday, days off, make-up working days (调休),
and time paused while a case waits on the resident. Plain Python, no database."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class WorkingCalendar:
	hours: dict[int, tuple[time, time]]  # weekday (0 = Monday) → opening and closing time; absent = day off
	days_off: frozenset[date] = field(default_factory=frozenset)  # holidays and the estate's own days off
	make_up_days: frozenset[date] = field(default_factory=frozenset)  # weekend days worked instead (调休)
	make_up_hours: tuple[time, time] | None = None  # default: Monday's hours

	def hours_on(self, day: date) -> tuple[time, time] | None:
		if day in self.days_off:
			return None
		if day in self.make_up_days:
			return self.make_up_hours or self.hours.get(0)
		return self.hours.get(day.weekday())

	def working_time_between(self, start: datetime, end: datetime) -> timedelta:
		"""Working time inside [start, end)."""
		total = timedelta()
		day = start.date()
		while day <= end.date():
			hours = self.hours_on(day)
			if hours:
				opens, closes = datetime.combine(day, hours[0]), datetime.combine(day, hours[1])
				overlap = min(closes, end) - max(opens, start)
				if overlap > timedelta():
					total += overlap
			day += timedelta(days=1)
		return total


def add_working_time(
	start: datetime, duration: timedelta, calendar: WorkingCalendar, max_days: int = 3660
) -> datetime:
	"""The moment `duration` of working time has passed after `start`.

	A start outside working hours counts from the next opening; the deadline falls inside working
	hours (at a closing time when the duration ends exactly there)."""
	remaining = duration
	moment = start
	for _ in range(max_days):
		day = moment.date()
		hours = calendar.hours_on(day)
		if hours:
			opens, closes = datetime.combine(day, hours[0]), datetime.combine(day, hours[1])
			moment = max(moment, opens)
			if moment < closes:
				available = closes - moment
				if remaining <= available:
					return moment + remaining
				remaining -= available
		moment = datetime.combine(day + timedelta(days=1), time.min)
	raise ValueError(f"no working time within {max_days} days of {start}: check the calendar")


def add_working_days(start: datetime, days: int, calendar: WorkingCalendar) -> datetime:
	"""The same time of day, `days` working days on (counted from the next opening when `start` is
	outside working hours), kept within that day's working hours."""
	first = add_working_time(start, timedelta(), calendar)
	day, counted = first.date(), 0
	while counted < days:
		day += timedelta(days=1)
		if calendar.hours_on(day):
			counted += 1
	opens, closes = calendar.hours_on(day)
	wanted = datetime.combine(day, first.time())
	return min(max(wanted, datetime.combine(day, opens)), datetime.combine(day, closes))


def calendar_time_paused(pauses: list[tuple[datetime, datetime | None]], now: datetime) -> timedelta:
	"""How long a case's clock stood still, in calendar time: an open pause runs until now."""
	return sum(((end or now) - begin for begin, end in pauses), timedelta())


def deadline_after_pauses(
	due: datetime,
	pauses: list[tuple[datetime, datetime | None]],
	now: datetime,
	calendar: WorkingCalendar | None = None,
) -> datetime:
	"""The deadline moved on by the time the case waited on the resident (a paused clock).

	In calendar time the paused span is added; in working time only the working time it covered."""
	if calendar is None:
		return due + calendar_time_paused(pauses, now)
	paused = sum((calendar.working_time_between(begin, end or now) for begin, end in pauses), timedelta())
	return add_working_time(due, paused, calendar) if paused else due
