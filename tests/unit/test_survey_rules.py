from datetime import date

import pytest

from property_service.rules.surveys import (
	SCALES,
	below_target,
	collection_days_allowed,
	hand_out_quota,
	rate,
	satisfied_levels,
	survey_result,
)

ASPECTS = ("Power Supply", "Water Supply", "Cleaning")


def test_quota_is_98_percent_under_50000_m2_and_90_above():  # SV-3
	assert hand_out_quota(300, 42_000, 50_000, 98, 90) == 294
	assert hand_out_quota(300, 60_000, 50_000, 98, 90) == 270
	assert hand_out_quota(300, 50_000, 50_000, 98, 90) == 270, "50,000 m² is not under 50,000"


def test_quota_rounds_up_so_that_the_share_is_reached():
	assert hand_out_quota(271, 42_000, 50_000, 98, 90) == 266  # 265.58
	assert hand_out_quota(0, 42_000, 50_000, 98, 90) == 0


def test_response_rate_against_handed_out():  # SV-3
	assert rate(90, 294) == 30.6
	assert rate(0, 294) == 0.0
	assert rate(5, 0) is None


def test_satisfied_is_the_top_three_of_five_and_the_top_two_of_three():  # SV-4
	assert satisfied_levels("Five Levels") == ("Very Satisfied", "Satisfied", "Basically Satisfied")
	assert satisfied_levels("Three Levels") == ("Very Satisfied", "Basically Satisfied")


def test_rates_on_the_five_level_scale():
	responses = [
		{"Power Supply": "Very Satisfied", "Water Supply": "Dissatisfied", "Cleaning": "Basically Satisfied"},
		{"Power Supply": "Satisfied", "Water Supply": "Very Dissatisfied", "Cleaning": "Dissatisfied"},
		{"Power Supply": "Basically Satisfied", "Water Supply": "Satisfied", "Cleaning": None},
	]
	result = survey_result("Five Levels", ASPECTS, responses, handed_out=10)
	by_aspect = {a.aspect: a for a in result.aspects}
	assert by_aspect["Power Supply"].rate == 100.0
	assert by_aspect["Water Supply"].rate == 33.3
	assert by_aspect["Cleaning"].answers == 2, "a blank is not an answer"
	assert by_aspect["Cleaning"].rate == 50.0
	assert by_aspect["Water Supply"].levels == {
		"Very Satisfied": 0,
		"Satisfied": 1,
		"Basically Satisfied": 0,
		"Dissatisfied": 1,
		"Very Dissatisfied": 1,
	}
	# overall: satisfied answers over all answers (3 + 1 + 1 of 8)
	assert result.overall_rate == 62.5
	assert (result.returned, result.response_rate) == (3, 30.0)


def test_rates_on_the_three_level_scale():
	responses = [
		{"Power Supply": "Basically Satisfied"},
		{"Power Supply": "Dissatisfied"},
		{"Power Supply": "Very Satisfied"},
	]
	result = survey_result("Three Levels", ASPECTS, responses, handed_out=3)
	power = result.aspects[0]
	assert (power.answers, power.satisfied, power.rate) == (3, 2, 66.7)
	assert set(power.levels) == set(SCALES["Three Levels"])


def test_a_level_from_the_other_scale_is_refused():
	with pytest.raises(ValueError):
		survey_result("Three Levels", ASPECTS, [{"Power Supply": "Satisfied"}], handed_out=1)


def test_an_aspect_nobody_answered_has_no_rate_and_needs_no_action():
	result = survey_result("Five Levels", ASPECTS, [{"Power Supply": "Dissatisfied"}], handed_out=1)
	cleaning = result.aspects[2]
	assert (cleaning.answers, cleaning.rate, cleaning.change) == (0, None, None)
	assert [a.aspect for a in below_target(result, 90)] == ["Power Supply"]
	assert survey_result("Five Levels", ASPECTS, [], handed_out=0).overall_rate is None


def test_comparison_with_the_previous_survey():  # SV-5
	result = survey_result(
		"Five Levels",
		ASPECTS,
		[{"Power Supply": "Satisfied"}, {"Power Supply": "Dissatisfied"}],
		2,
		{"Power Supply": 62.5},
	)
	assert (result.aspects[0].rate, result.aspects[0].previous_rate, result.aspects[0].change) == (
		50.0,
		62.5,
		-12.5,
	)
	assert result.aspects[1].change is None


def test_rounding_is_half_up_to_one_decimal():
	assert rate(1, 8) == 12.5
	assert rate(1, 3) == 33.3
	assert rate(2, 3) == 66.7
	assert rate(1, 16) == 6.3  # 6.25


def test_collection_lasts_10_to_15_days():  # SV-3
	assert collection_days_allowed(date(2026, 5, 1), date(2026, 5, 10), 10, 15)
	assert collection_days_allowed(date(2026, 5, 1), date(2026, 5, 15), 10, 15)
	assert not collection_days_allowed(date(2026, 5, 1), date(2026, 5, 9), 10, 15)
	assert not collection_days_allowed(date(2026, 5, 1), date(2026, 5, 16), 10, 15)
