"""Keeping in touch with the residents outside complaints: courtesy visits by role and frequency
(RV-11), key residents contacted at their frequency (IN-7) and owner forums at least every interval
(RC-6). No frappe import: dates in, dates out."""

import calendar
from datetime import date, timedelta

# a Courtesy Visit Plan's kinds of visit, and the Property Service Settings field with each one's
# number of rounds a year (the door-to-door round only in a villa estate)
DIRECTOR_VISIT = "Office Director Visit"
MANAGER_VISIT = "Property Manager Visit"
DOOR_TO_DOOR = "Door-to-Door Visit"
VISITS_A_YEAR_SETTING = {
	DIRECTOR_VISIT: "courtesy_director_visits",
	MANAGER_VISIT: "courtesy_manager_visits",
	DOOR_TO_DOOR: "courtesy_door_to_door_visits",
}
# the Estate field naming who makes each kind of visit
VISITOR_FIELD = {
	DIRECTOR_VISIT: "office_director",
	MANAGER_VISIT: "property_manager",
	DOOR_TO_DOOR: "property_manager",
}


def visit_kinds(villa_estate: bool) -> list[str]:
	"""The kinds of courtesy visit an estate's plan holds. # rule RV-11"""
	kinds = [DIRECTOR_VISIT, MANAGER_VISIT]
	return [*kinds, DOOR_TO_DOOR] if villa_estate else kinds


def add_months(day: date, months: int) -> date:
	"""The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def round_ends(year: int, rounds: int) -> list[date]:
	"""The year cut into `rounds` equal rounds of whole months: the last day of each, by which that
	round's visits are due (4 → 31 Mar, 30 Jun, 30 Sep, 31 Dec; 2 → 30 Jun, 31 Dec). # rule RV-11"""
	if not 1 <= rounds <= 12:
		raise ValueError("between 1 and 12 rounds a year")
	ends = []
	for number in range(1, rounds + 1):
		month = -(-12 * number // rounds)  # rounded up, so the last round ends in December
		ends.append(date(year, month, calendar.monthrange(year, month)[1]))
	return ends


def round_start(year: int, rounds: int, number: int) -> date:
	"""The first day of round `number` (from 1)."""
	if number == 1:
		return date(year, 1, 1)
	return round_ends(year, rounds)[number - 2] + timedelta(days=1)


def completion(done: int, planned: int) -> float | None:
	"""The share of the planned visits made, in percent (None when nothing is planned)."""
	if not planned:
		return None
	return round(100 * done / planned, 1)


def next_contact_due(last_contact: date, every_days: int) -> date:
	"""A key resident's next contact is due `every_days` after the last. # rule IN-7"""
	if every_days < 1:
		raise ValueError("a contact frequency is at least one day")
	return last_contact + timedelta(days=every_days)


def next_forum_due(last_held: date, every_months: int) -> date:
	"""An estate's next owner forum is due `every_months` after the last one held. # rule RC-6"""
	if every_months < 1:
		raise ValueError("a forum interval is at least one month")
	return add_months(last_held, every_months)
