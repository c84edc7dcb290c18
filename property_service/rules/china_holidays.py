"""China's official holidays and make-up working days (调休), from the maintained `chinesecalendar`
library rather than a list typed by hand. No database."""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


def official_days(first: date, last: date) -> tuple[frozenset[date], frozenset[date], list[int]]:
	"""(holidays on weekdays, weekend make-up working days, years the library has no data for)."""
	holidays, make_up, missing_years = set(), set(), set()
	day = first
	while day <= last:
		try:
			if chinese_calendar.is_holiday(day) and day.weekday() < 5:
				holidays.add(day)
			elif chinese_calendar.is_workday(day) and day.weekday() >= 5:
				make_up.add(day)
		except NotImplementedError:
			missing_years.add(day.year)
		day += timedelta(days=1)
	return frozenset(holidays), frozenset(make_up), sorted(missing_years)


@lru_cache(maxsize=32)
def official_days_of_year(year: int) -> tuple[frozenset[date], frozenset[date], list[int]]:
	return official_days(date(year, 1, 1), date(year, 12, 31))
