"""Times working-time deadlines over a year of starts: `python3 benchmarks/working_calendar.py`.

A figure to watch, not a test: every 10 minutes of 2026 starts a case whose deadlines are
24 working hours and 3 working days (of 9 hours) later, on an office calendar with China's 2026
holidays and make-up days."""

import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from property_service.rules.china_holidays import official_days  # noqa: E402
from property_service.rules.working_calendar import WorkingCalendar, add_working_time  # noqa: E402


def main():
	began = clock.perf_counter()
	holidays, make_up, _ = official_days(date(2026, 1, 1), date(2026, 12, 31))
	calendar = WorkingCalendar(
		{weekday: (time(9), time(18)) for weekday in range(5)}, days_off=holidays, make_up_days=make_up
	)
	loaded = clock.perf_counter() - began

	starts = [datetime(2026, 1, 1) + timedelta(minutes=10 * n) for n in range(365 * 24 * 6)]
	began = clock.perf_counter()
	for start in starts:
		add_working_time(start, timedelta(hours=24), calendar)
		add_working_time(start, timedelta(hours=27), calendar)
	spent = clock.perf_counter() - began
	spans = 2 * len(starts)
	print(f"holidays and make-up days of 2026 loaded in {loaded * 1000:.1f} ms")
	print(f"{spans:,} working-time deadlines in {spent:.2f} s: {spent / spans * 1e6:.1f} µs each")


if __name__ == "__main__":
	main()
