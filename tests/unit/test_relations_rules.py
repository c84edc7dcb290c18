from datetime import date

import pytest

from property_service.rules.relations import (
	DOOR_TO_DOOR,
	VISITS_A_YEAR_SETTING,
	add_months,
	completion,
	next_contact_due,
	next_forum_due,
	round_ends,
	round_start,
	visit_kinds,
)


def test_a_villa_estate_adds_the_door_to_door_round():  # rule RV-11
	assert DOOR_TO_DOOR not in visit_kinds(False)
	assert visit_kinds(True)[-1] == DOOR_TO_DOOR
	assert set(visit_kinds(True)) == set(VISITS_A_YEAR_SETTING)


def test_rounds_cut_the_year_into_whole_months():  # rule RV-11
	assert round_ends(2026, 4) == [
		date(2026, 3, 31),
		date(2026, 6, 30),
		date(2026, 9, 30),
		date(2026, 12, 31),
	]
	assert round_ends(2026, 2) == [date(2026, 6, 30), date(2026, 12, 31)]
	assert round_ends(2026, 1) == [date(2026, 12, 31)]
	assert round_ends(2028, 12)[1] == date(2028, 2, 29)
	# an uneven number still ends in December and never twice in a month
	ends = round_ends(2026, 5)
	assert ends[-1] == date(2026, 12, 31) and len({end.month for end in ends}) == 5
	assert round_start(2026, 4, 1) == date(2026, 1, 1) and round_start(2026, 4, 3) == date(2026, 7, 1)


@pytest.mark.parametrize("rounds", [0, 13])
def test_a_year_has_one_to_twelve_rounds(rounds):
	with pytest.raises(ValueError):
		round_ends(2026, rounds)


def test_completion_is_the_share_made():
	assert completion(3, 4) == 75.0
	assert completion(1, 3) == 33.3
	assert completion(0, 0) is None


def test_a_key_residents_next_contact_follows_the_last():  # rule IN-7
	assert next_contact_due(date(2026, 1, 31), 30) == date(2026, 3, 2)
	with pytest.raises(ValueError):
		next_contact_due(date(2026, 1, 31), 0)


def test_the_next_forum_is_due_an_interval_after_the_last_held():  # rule RC-6
	assert next_forum_due(date(2026, 11, 30), 3) == date(2027, 2, 28)
	assert next_forum_due(date(2026, 3, 15), 3) == date(2026, 6, 15)
	assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
	with pytest.raises(ValueError):
		next_forum_due(date(2026, 3, 15), 0)
