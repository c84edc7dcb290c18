"""The settings each rule reads, on a real site: RV-9 a visit's record is due the same or the next day
and watched; SV-1 an estate's next survey is due by the frequency and the office is reminded once;
SV-3 an analysis under the minimum response says so; RE-1 how long a survey's answers are kept."""

import json
from datetime import timedelta

import frappe
import pytest
from frappe.utils import add_days, add_months, getdate, now_datetime, today

from property_service.controllers import reminders
from property_service.exceptions import ReturnVisitError
from tests.integration.factories import (
	SIGNATURE,
	act,
	edit,
	ensure_base_data,
	ensure_estate,
	make_complaint,
)
from tests.integration.test_opinion_surveys import approved_and_open, plan_survey, respond


@pytest.fixture(autouse=True)
def rolled_back():
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")


def setting(**values):
	settings = frappe.get_doc("Property Service Settings")
	settings.update(values)
	settings.save()


@pytest.fixture
def base():
	return ensure_base_data()


def waiting_visit(base):
	"""A resolved complaint's return visit, still to make."""
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complaint = edit(complaint, "assistant@ps.test", handling_result="已更换立管 Riser replaced")
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	return frappe.get_last_doc("Return Visit", filters={"reference_name": complaint.name})


def answer(visit, **values):
	"""The visitor records the resident's view (signed, when in person)."""
	if visit.method == "In Person":
		values["resident_signature"] = SIGNATURE
	return edit(visit, visit.visitor or "assistant@ps.test", satisfied="Satisfied", **values)


# RV-9
def test_a_visit_recorded_as_it_is_made_is_on_time(base):
	visit = answer(waiting_visit(base))
	assert visit.status == "Completed"
	assert visit.visited_on == visit.completed_on
	assert visit.record_due_on == add_days(getdate(visit.completed_on), 1)
	assert not visit.record_late


def test_a_record_completed_after_its_day_is_late(base):
	visit = waiting_visit(base)
	visit = answer(visit, visited_on=now_datetime() - timedelta(days=3))
	assert visit.record_due_on == add_days(getdate(visit.visited_on), 1)
	assert visit.record_late == 1


def test_the_next_day_is_the_settings(base):
	setting(visit_record_days=0)  # the same day only
	visit = edit(waiting_visit(base), "assistant@ps.test", visited_on=now_datetime() - timedelta(days=1))
	assert visit.record_due_on == getdate(visit.visited_on)
	visit = answer(visit)
	assert visit.record_late == 1


def test_a_visit_is_not_made_ahead_of_now(base):
	with pytest.raises(ReturnVisitError):
		edit(waiting_visit(base), "assistant@ps.test", visited_on=now_datetime() + timedelta(hours=2))


def test_the_record_kept_as_completed(base):
	visit = answer(waiting_visit(base))
	with pytest.raises(ReturnVisitError):
		edit(visit, "assistant@ps.test", visited_on=now_datetime() - timedelta(days=5))


def test_a_visit_made_and_not_recorded_is_marked_and_its_visitor_told_once(base):
	visit = edit(waiting_visit(base), "assistant@ps.test", visited_on=now_datetime() - timedelta(days=3))
	assert visit.visitor and not visit.record_late
	told = {
		"for_user": visit.visitor,
		"type": "Alert",
		"document_type": "Return Visit",
		"document_name": visit.name,
	}
	reminders.mark_late_visit_records()
	reminders.mark_late_visit_records()  # run again: nothing twice
	visit.reload()
	assert visit.record_late == 1 and visit.status == "To Visit"
	assert frappe.db.count("Notification Log", told) == 1
	visit = answer(visit)
	assert visit.record_late == 1, "completed late, it stays late"


def test_a_visit_made_today_is_not_late_yet(base):
	visit = edit(waiting_visit(base), "assistant@ps.test", visited_on=now_datetime())
	reminders.mark_late_visit_records()
	visit.reload()
	assert not visit.record_late


# SV-1
REMINDED_ESTATE = "提醒测试小区 Reminder Test Estate"


@pytest.fixture
def estate():
	return ensure_estate(REMINDED_ESTATE, {"1栋": [("101", "周敏", "13900000301")]})


def reminders_of(estate_name: str) -> list[frappe._dict]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Estate", "reference_name": estate_name},
		fields=["allocated_to", "date", "description", "status"],
	)


def test_each_survey_says_when_the_next_is_due(estate):
	survey = plan_survey(frappe._dict(estate=estate.estate), start="2026-03-10")
	assert survey.next_survey_due == getdate("2027-03-10")
	setting(survey_frequency="Half-Yearly")
	survey = edit(survey, "assistant@ps.test", purpose="半年一次 Half-yearly")
	assert survey.next_survey_due == getdate("2026-09-10")


def test_an_estate_due_a_survey_reminds_its_centre_once(estate):
	start = add_months(today(), -13)
	plan_survey(frappe._dict(estate=estate.estate), start=start)
	reminders.remind_surveys_due()
	reminders.remind_surveys_due()  # the next day's run: once for each due date
	(todo,) = reminders_of(estate.estate)
	assert todo.allocated_to == "centre@ps.test" and todo.status == "Open"
	assert todo.date == add_months(getdate(start), 12)
	assert estate.estate in todo.description


def test_an_estate_surveyed_within_the_frequency_is_not_reminded(estate):
	plan_survey(frappe._dict(estate=estate.estate), start=add_months(today(), -7))
	reminders.remind_surveys_due()
	assert not reminders_of(estate.estate)
	setting(survey_frequency="Half-Yearly")
	reminders.remind_surveys_due()
	assert len(reminders_of(estate.estate)) == 1


# SV-3
def test_an_analysis_under_the_minimum_response_says_so(base):
	survey = approved_and_open(base, handed_out=10)
	respond(
		survey, frappe.db.get_value("Resident", base.residents[0], "property_unit"), {"Cleaning": "Satisfied"}
	)
	frappe.local.message_log = []
	survey = act(survey, "Analyse", "supervisor@ps.test")
	assert (survey.response_rate, survey.min_response_rate) == (10.0, 30.0)
	said = [
		json.loads(m).get("message", "") if isinstance(m, str) else m.get("message", "")
		for m in frappe.local.message_log
	]
	assert any("10%" in text and "30%" in text for text in said), said
	setting(survey_min_response=5)
	survey = edit(survey, "assistant@ps.test", common_opinions="回收偏少 Few returned")
	assert survey.min_response_rate == 30.0, "the analysis keeps the minimum it was judged by"


def test_enough_returned_says_nothing(base):
	setting(survey_min_response=5)
	survey = approved_and_open(base, handed_out=10)
	respond(
		survey, frappe.db.get_value("Resident", base.residents[0], "property_unit"), {"Cleaning": "Satisfied"}
	)
	frappe.local.message_log = []
	survey = act(survey, "Analyse", "supervisor@ps.test")
	assert survey.min_response_rate == 5.0
	assert not frappe.local.message_log


# RE-1
def test_a_survey_shows_how_long_its_answers_are_kept(base):
	survey = plan_survey(base, start="2026-06-04")
	assert survey.keep_until == getdate("2028-06-15")  # collection ends the 15th, kept two years
	setting(survey_retention_years=3)
	survey = edit(survey, "assistant@ps.test", purpose="保存三年 Kept three years")
	assert survey.keep_until == getdate("2029-06-15")


def test_the_daily_reminders_are_scheduled_and_run(estate):
	daily = frappe.get_hooks("scheduler_events")["daily"]
	assert "property_service.controllers.reminders.send_daily_reminders" in daily
	plan_survey(frappe._dict(estate=estate.estate), start=add_months(today(), -13))
	reminders.send_daily_reminders()
	assert len(reminders_of(estate.estate)) == 1
