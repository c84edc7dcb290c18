"""When an estate's next survey is due, the minimum response and how long answers are kept (SV-1, SV-3, RE-1)."""

import json
from datetime import date
from pathlib import Path

from property_service.rules.surveys import (
	FREQUENCY_MONTHS,
	add_months,
	below_min_response,
	kept_until,
	next_survey_due,
)

SETTINGS = (
	Path(__file__).resolve().parents[2]
	/ "property_service/property_service/doctype/property_service_settings/property_service_settings.json"
)


def test_the_next_survey_is_due_a_year_or_half_a_year_after_the_last_started():  # SV-1
	assert next_survey_due(date(2026, 3, 10), "Yearly") == date(2027, 3, 10)
	assert next_survey_due(date(2026, 9, 10), "Half-Yearly") == date(2027, 3, 10)


def test_a_month_end_stays_in_its_month():
	assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
	assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
	assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_every_frequency_the_settings_offer_has_its_months():
	fields = json.loads(SETTINGS.read_text())["fields"]
	(frequency,) = [df for df in fields if df["fieldname"] == "survey_frequency"]
	assert set(frequency["options"].split("\n")) == set(FREQUENCY_MONTHS)


def test_under_30_percent_returned_is_below_the_minimum():  # SV-3
	assert below_min_response(29.9, 30)
	assert not below_min_response(30.0, 30)
	assert not below_min_response(None, 30), "nothing handed out yet: no rate to judge"


def test_answers_are_kept_two_years_after_collection():  # RE-1
	assert kept_until(date(2026, 6, 15), 2) == date(2028, 6, 15)
	assert kept_until(date(2028, 2, 29), 1) == date(2029, 2, 28)
