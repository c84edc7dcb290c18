"""RV-5 by assignment, RV-6 methods, RV-12 the weekly round, RV-13 the trial run: the pure rules."""

from datetime import date, datetime

import pytest

from property_service.rules.quotas import quota_to_assign
from property_service.rules.visits import (
	EVERY_REPAIR_WEEKLY,
	MONTHLY_SAMPLE,
	previous_week,
	trial_run_end,
	visit_method,
	visited_weekly,
	weekly_visit_due,
)

TARGETS = {"Manager": 10, "Supervisor": 30, "Maintenance Lead": 60}  # DOMAIN.md's defaults
EVERYONE = ["Manager", "Supervisor", "Maintenance Lead"]


def assign_in_turn(count, targets=TARGETS, available=EVERYONE, default="Maintenance Lead", assigned=None):
	assigned = dict(assigned or {})
	order = []
	for _ in range(count):
		visits = sum(assigned.values()) + 1
		quota = quota_to_assign(visits, assigned, targets, available, default)
		assigned[quota] = assigned.get(quota, 0) + 1
		order.append(quota)
	return assigned, order


def test_ten_visits_from_nothing_meet_every_quota():  # rule RV-5
	assigned, order = assign_in_turn(10)
	assert assigned == {"Manager": 1, "Supervisor": 3, "Maintenance Lead": 6}
	assert order[0] == "Maintenance Lead", "the first goes to the rule's own visitor"


@pytest.mark.parametrize("count", [7, 20, 33, 100])
def test_every_quota_is_met_whatever_the_month_holds(count):  # rule RV-5
	assigned, _ = assign_in_turn(count)
	for quota, target in TARGETS.items():
		assert assigned.get(quota, 0) >= int(target * count / 100), (quota, assigned)


def test_a_month_already_lopsided_is_evened_out():  # rule RV-5: ten visits all by the lead so far
	assigned, order = assign_in_turn(10, assigned={"Maintenance Lead": 10})
	assert order[:4] == ["Supervisor", "Supervisor", "Supervisor", "Manager"]
	assert assigned == {"Manager": 2, "Supervisor": 6, "Maintenance Lead": 12}  # 10 / 30 / 60 of 20


def test_no_one_at_a_level_leaves_that_share_to_the_others():  # rule RV-5
	assigned, _ = assign_in_turn(10, available=["Supervisor", "Maintenance Lead"])
	assert "Manager" not in assigned and assigned["Supervisor"] == 3


def test_quotas_short_of_all_visits_leave_the_rest_to_the_rule():  # rule RV-5: 10 + 20 + 30 < 100
	assigned, _ = assign_in_turn(10, targets={"Manager": 10, "Supervisor": 20, "Maintenance Lead": 30})
	assert assigned == {"Manager": 1, "Supervisor": 2, "Maintenance Lead": 7}


@pytest.mark.parametrize(
	("rule", "preferred", "kwargs", "method"),
	[
		("Phone", None, {}, "Phone"),
		("Phone", "E-mail", {}, "E-mail"),
		("Phone", "On-site Inspection", {}, "On-site Inspection"),
		("Phone", "In Person", {}, "In Person"),
		("In Person", "Phone", {}, "In Person"),  # RV-1: a valid complaint is visited in person
		("Phone", "E-mail", {"has_email": False}, "Phone"),  # no address to write to
		("Phone", "E-mail", {"fixed": True}, "Phone"),  # RV-4: the sample's method is its record
		("Phone", "Carrier Pigeon", {}, "Phone"),
	],
)
def test_the_residents_preference_decides_the_method(rule, preferred, kwargs, method):  # rule RV-6
	assert visit_method(rule, preferred, **kwargs) == method


def test_the_trial_run_delays_the_visit():  # rule RV-13
	done = datetime(2026, 3, 2, 15, 0)
	assert trial_run_end(done, 0) == done
	assert trial_run_end(done, 3) == datetime(2026, 3, 5, 15, 0)


@pytest.mark.parametrize(
	("policy", "flags", "weekly"),
	[
		(EVERY_REPAIR_WEEKLY, {"is_routine": True}, True),
		(MONTHLY_SAMPLE, {"is_routine": True}, False),
		(EVERY_REPAIR_WEEKLY, {"is_routine": False}, False),
		(EVERY_REPAIR_WEEKLY, {"is_routine": True, "is_leak": True}, False),  # RV-3: within 3 days
		(EVERY_REPAIR_WEEKLY, {"is_routine": True, "is_large_repair": True}, False),  # at once
	],
)
def test_which_repairs_wait_for_the_weekly_round(policy, flags, weekly):  # rule RV-12
	kwargs = dict(
		is_routine=False, is_emergency=False, is_large_repair=False, is_safety_facility=False, is_leak=False
	)
	assert visited_weekly(policy, **{**kwargs, **flags}) is weekly


def test_the_previous_week_and_its_round_due_date():  # rule RV-12
	assert previous_week(date(2026, 3, 11)) == (date(2026, 3, 2), date(2026, 3, 9))  # a Wednesday
	assert previous_week(date(2026, 3, 9)) == (date(2026, 3, 2), date(2026, 3, 9))  # the Monday itself
	assert weekly_visit_due(date(2026, 3, 9), 7) == datetime(2026, 3, 15, 23, 59, 59)
	assert weekly_visit_due(date(2026, 3, 9), 0) == datetime(2026, 3, 9, 23, 59, 59)
