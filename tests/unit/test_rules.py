import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from property_service.rules import deadlines, escalation, resolution

RECEIVED = datetime(2026, 3, 30, 16, 45)


def test_acceptance_due_is_hours_after_receipt():  # rule IN-4
	assert deadlines.acceptance_due(RECEIVED, 24) == datetime(2026, 3, 31, 16, 45)
	assert deadlines.acceptance_due(RECEIVED, 48) == datetime(2026, 4, 1, 16, 45)


def test_reply_due_is_days_after_receipt_across_month_end():  # rule HN-3
	assert deadlines.reply_due(RECEIVED, 3) == datetime(2026, 4, 2, 16, 45)
	assert deadlines.reply_due(RECEIVED, 0) == RECEIVED


def test_ladder_goes_assistant_supervisor_manager_director():  # rule ES-1
	assert escalation.next_level("Assistant") == "Supervisor"
	assert escalation.next_level("Supervisor") == "Manager"
	assert escalation.next_level("Manager") == "Director"
	assert escalation.next_level("Director") is None
	assert escalation.rank("") == 0


@pytest.mark.parametrize(
	("classification", "level", "expected"),
	[
		("Major", "Assistant", "Manager"),
		("Major", "Supervisor", "Manager"),
		("Major", "Director", "Director"),
		("Important", "Assistant", "Assistant"),
		("General", "Supervisor", "Supervisor"),
		("General", None, "Assistant"),
	],
)
def test_major_complaints_go_straight_to_the_manager(classification, level, expected):  # rule ES-2
	assert escalation.required_level(classification, level) == expected


def test_every_level_above_the_front_desk_has_a_decider_on_the_estate():
	assert set(escalation.DECIDER_FIELD) == set(escalation.LEVELS[1:])


def test_levels_between():
	assert escalation.levels_between("Assistant", "Manager") == ("Supervisor", "Manager")
	assert escalation.levels_between("Manager", "Manager") == ()


@pytest.mark.parametrize(
	("validity", "values", "missing"),
	[
		("Valid", {}, ["handling_result"]),
		("Valid", {"handling_result": "  "}, ["handling_result"]),
		("Valid", {"handling_result": "fixed"}, []),
		("Not Company Fault", {"handling_result": "x"}, ["not_fault_explanation"]),
		("Referral", {"handling_result": "x", "referral_body": "区环保局"}, []),
		("Referral", {"handling_result": "x"}, ["referral_body"]),
		("Suggestion", {"handling_result": "x", "suggestion_decision": None}, ["suggestion_decision"]),
		("Suggestion", {"handling_result": "x", "suggestion_decision": "Adopted"}, []),
	],
)
def test_what_resolution_needs_by_validity(validity, values, missing):  # rules IN-6, HN-4
	assert resolution.missing_for_resolution(validity, values) == missing


def test_rules_do_not_import_frappe():
	code = (
		"import sys, pkgutil, importlib, property_service.rules as r\n"
		"for m in pkgutil.iter_modules(r.__path__): importlib.import_module('property_service.rules.' + m.name)\n"
		"assert 'frappe' not in sys.modules"
	)
	subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_a_breach_moves_one_level_up_and_stops_at_the_director():  # ES-3
	assert [escalation.level_after_breach(level) for level in escalation.LEVELS] == [
		"Supervisor",
		"Manager",
		"Director",
		"Director",
	]


def test_a_visitor_answers_to_the_level_above_their_role():
	assert escalation.level_of_role("Customer Service Supervisor") == "Supervisor"
	assert escalation.level_of_role("Property Manager") == "Manager"
	for front_line in ("Service Centre Manager", "Technician", "Maintenance Lead", None):
		assert escalation.level_of_role(front_line) == "Assistant"


def test_a_breach_reaches_the_next_person_named_up_the_ladder():
	deciders = {"Supervisor": None, "Manager": "manager@x", "Director": "director@x"}
	assert escalation.first_decider(deciders, "Supervisor") == ("Manager", "manager@x")
	assert escalation.first_decider(deciders, "Director") == ("Director", "director@x")
	assert escalation.first_decider({}, "Manager") == ("Manager", None)


def test_percentiles_from_counted_values_match_the_continuous_percentile():
	import random
	import statistics as stats

	from property_service.rules.statistics import percentile_cont

	random.seed(7)
	values = [random.randint(0, 500) for _ in range(1001)]
	counts = sorted((v, values.count(v)) for v in set(values))
	assert percentile_cont(counts, 0.5) == stats.median(values)
	assert percentile_cont(counts, 0.9) == pytest.approx(stats.quantiles(values, n=10, method="inclusive")[8])
	assert percentile_cont([(42, 1)], 0.9) == 42
	assert percentile_cont([], 0.5) is None
	assert percentile_cont([(1, 1), (3, 1)], 0.5) == 2


def test_a_deadline_is_missed_when_met_late_or_past_and_not_met():
	due = datetime(2026, 3, 2, 10, 0)
	assert deadlines.is_missed(due, datetime(2026, 3, 2, 10, 1), now=datetime(2026, 3, 1))
	assert not deadlines.is_missed(due, datetime(2026, 3, 2, 9, 59), now=datetime(2026, 3, 5))
	assert deadlines.is_missed(due, None, now=datetime(2026, 3, 2, 10, 1))
	assert not deadlines.is_missed(due, None, now=datetime(2026, 3, 2, 9, 0))
	assert not deadlines.is_missed(None, None, now=datetime(2026, 3, 2))
