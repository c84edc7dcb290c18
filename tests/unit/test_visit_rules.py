from datetime import date, datetime

import pytest

from property_service.rules.quotas import quota_results
from property_service.rules.sampling import (
	SamplingRule,
	draw_sample,
	in_person_count,
	sample_due_date,
	sample_size,
)
from property_service.rules.visits import complaint_visit_due, repair_visit_days, repair_visit_due

# DOMAIN.md's defaults (RV-4)
RULE = SamplingRule(
	small_below=20,
	small_size=5,
	large_above=50,
	mid_percent=30,
	large_size=20,
	in_person_above_percent=50,
	due_day=5,
)
DAYS = dict(days_emergency=0, days_safety=2, days_leak=3, days_routine=7)


@pytest.mark.parametrize(
	("orders", "size"),
	[(0, 0), (3, 3), (4, 4), (5, 5), (19, 5), (20, 6), (21, 7), (34, 11), (50, 15), (51, 20), (400, 20)],
)
def test_sample_size_boundaries(orders, size):  # rule RV-4: <20 → 5 (all if <5), 20–50 → 30 % up, >50 → 20
	assert sample_size(orders, RULE) == size


def test_sample_size_follows_the_settings():
	rule = SamplingRule(
		small_below=10,
		small_size=3,
		large_above=30,
		mid_percent=50,
		large_size=12,
		in_person_above_percent=50,
		due_day=5,
	)
	assert [sample_size(n, rule) for n in (9, 10, 11, 30, 31)] == [3, 5, 6, 15, 12]


@pytest.mark.parametrize(
	("size", "in_person"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (20, 11)]
)
def test_more_than_half_in_person(size, in_person):
	assert in_person_count(size, RULE) == in_person
	assert in_person * 2 > size or size == 0


def test_sample_is_random_but_reproducible_from_its_seed():
	orders = [f"RWO-2026-{n:05d}" for n in range(1, 41)]
	first = draw_sample(orders, 20261031, RULE)
	assert first == draw_sample(list(reversed(orders)), 20261031, RULE), "same seed, same sample"
	assert first != draw_sample(orders, 20261101, RULE), "another seed, another sample"
	assert len(first) == 12 and len({name for name, _ in first}) == 12
	assert {name for name, _ in first} <= set(orders)
	methods = [method for _, method in first]
	assert methods.count("In Person") == 7 and methods.count("Phone") == 5


def test_fewer_than_five_orders_are_all_visited():
	orders = ["A", "B", "C"]
	assert sorted(name for name, _ in draw_sample(orders, 1, RULE)) == orders


def test_sample_visits_are_due_by_the_fifth_of_next_month():
	assert sample_due_date(2026, 10, RULE) == date(2026, 11, 5)
	assert sample_due_date(2026, 12, RULE) == date(2027, 1, 5)


def test_complaint_visit_is_due_by_the_end_of_the_day_resolved():  # rule RV-2
	assert complaint_visit_due(datetime(2026, 5, 4, 9, 30), 0) == datetime(2026, 5, 4, 23, 59, 59)
	assert complaint_visit_due(datetime(2026, 5, 31, 18, 0), 1) == datetime(2026, 6, 1, 23, 59, 59)


@pytest.mark.parametrize(
	("flags", "days"),
	[
		({}, 7),
		({"is_leak": True}, 3),
		({"is_safety_facility": True}, 2),
		({"is_safety_facility": True, "is_leak": True}, 2),
		({"is_emergency": True}, 0),
		({"is_large_repair": True, "is_leak": True}, 0),
	],
)
def test_repair_visit_days_take_the_tightest_rule(flags, days):  # rule RV-3
	kinds = {"is_emergency": False, "is_large_repair": False, "is_safety_facility": False, "is_leak": False}
	assert repair_visit_days(**(kinds | flags), **DAYS) == days


def test_repair_visit_due():
	done = datetime(2026, 7, 1, 15, 0)
	assert repair_visit_due(done, 0) == done
	assert repair_visit_due(done, 3) == datetime(2026, 7, 4, 15, 0)


def test_quota_shares_against_targets():  # rule RV-5
	targets = {"Manager": 10, "Supervisor": 30, "Maintenance Lead": 60}
	results = {
		r.role: r
		for r in quota_results(40, {"Manager": 4, "Supervisor": 11, "Maintenance Lead": 20}, targets)
	}
	assert results["Manager"].share_percent == 10.0 and results["Manager"].met
	assert results["Supervisor"].share_percent == 27.5 and not results["Supervisor"].met
	assert results["Maintenance Lead"].share_percent == 50.0 and not results["Maintenance Lead"].met
	assert all(r.share_percent == 0 and not r.met for r in quota_results(0, {}, targets) if r.target_percent)
