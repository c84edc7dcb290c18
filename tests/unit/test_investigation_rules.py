"""The steps a complaint takes before it is resolved (IN-8 … IN-10), the open notices that hold its answer
(HN-5), and the written final answer's deadline (IN-11), without Frappe."""

from datetime import date, datetime, time

import pytest

from property_service.rules import deadlines, investigation
from property_service.rules.working_calendar import WorkingCalendar

VERIFIED = {"facts_verified": "Confirmed"}
INVESTIGATED = {
	**VERIFIED,
	"investigated_by": "head@ps.test",
	"facts_found": "防水层破损",
	"cause_analysis": "巡检遗漏",
}
DECIDED = {
	**INVESTIGATED,
	"decision": "维修并致歉",
	"decision_agreed_by": "supervisor@ps.test",
	"written_answer": "经调查属实……",
}


def test_a_valid_complaint_is_verified_investigated_and_decided_in_that_order():  # rules IN-8 … IN-10
	assert investigation.missing_steps("Valid", {}) == ["verification", "investigation", "decision"]
	assert investigation.missing_steps("Valid", VERIFIED) == ["investigation", "decision"]
	assert investigation.missing_steps("Valid", INVESTIGATED) == ["decision"]
	assert investigation.missing_steps("Valid", DECIDED) == []


@pytest.mark.parametrize("validity", ["Not Company Fault", "Referral", "Suggestion"])
def test_the_other_validities_are_answered_as_in6_says(validity):
	assert investigation.missing_steps(validity, {}) == []
	assert investigation.step_out_of_order(validity, {"decision": "x"}) is None


def test_blank_text_is_not_a_step_taken():
	assert investigation.missing_steps("Valid", {**DECIDED, "cause_analysis": "  \n"}) == ["investigation"]


def test_unclear_facts_need_an_expert_or_the_investigations_findings():  # rule IN-8
	unclear = {**DECIDED, "facts_verified": "Unclear", "facts_found": ""}
	assert investigation.missing_steps("Valid", unclear)[0] == "expert_opinion"
	assert "expert_opinion" not in investigation.missing_steps(
		"Valid", {**unclear, "expert_opinion": "专家意见"}
	)
	assert investigation.missing_steps("Valid", {**DECIDED, "facts_verified": "Unclear"}) == []


def test_an_expert_sought_is_recorded():
	sought = {**DECIDED, "expert_opinion_sought": 1}
	assert investigation.missing_steps("Valid", sought) == ["expert_opinion"]
	assert investigation.missing_steps("Valid", {**sought, "expert_opinion": "意见"}) == []


def test_a_step_cannot_skip_the_one_before():
	assert investigation.step_out_of_order("Valid", {"facts_found": "x"}) == "verification"
	assert investigation.step_out_of_order("Valid", {**VERIFIED, "decision": "x"}) == "investigation"
	assert investigation.step_out_of_order("Valid", DECIDED) is None


def test_open_notices_hold_the_answer():  # rule HN-5
	notices = [
		("CMP-1-1", "Signed Off"),
		("CMP-1-2", "Issued"),
		("CMP-1-3", "Reported"),
		("CMP-1-4", "Withdrawn"),
	]
	assert investigation.open_notices(notices) == ["CMP-1-2", "CMP-1-3"]
	assert investigation.open_notices([("CMP-1-1", "Signed Off")]) == []


def test_the_final_answer_is_due_days_after_acceptance():  # rule IN-11
	accepted = datetime(2026, 3, 2, 10, 0)
	assert deadlines.final_answer_due(accepted, False, 15, 3) == datetime(2026, 3, 17, 10, 0)


def test_an_urgent_answer_counts_working_days_past_weekends():
	friday = datetime(2026, 3, 6, 16, 0)
	assert deadlines.final_answer_due(friday, True, 15, 3) == datetime(2026, 3, 11, 16, 0)


def test_an_urgent_answer_skips_official_holidays_and_counts_make_up_days():
	# 2026: 1 to 7 October off for National Day; the working days before and after are make-up days
	week = deadlines.official_working_week([2026])
	assert week.hours_on(date(2026, 10, 1)) is None
	before_the_holiday = datetime(2026, 9, 30, 10, 0)
	# the 8th and 9th, then Saturday the 10th, worked instead of a holiday
	assert deadlines.final_answer_due(before_the_holiday, True, 15, 3) == datetime(2026, 10, 10, 10, 0)
	assert week.hours_on(date(2026, 10, 10))


def test_the_estates_service_calendar_counts_when_it_keeps_one():
	office = WorkingCalendar(hours={day: (time(9), time(17)) for day in range(6)})  # Monday to Saturday
	friday = datetime(2026, 3, 6, 10, 0)
	assert deadlines.final_answer_due(friday, True, 15, 3, office) == datetime(2026, 3, 10, 10, 0)
	assert deadlines.final_answer_due(friday, False, 2, 3, office) == datetime(2026, 3, 9, 10, 0)
