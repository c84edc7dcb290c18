"""Compensation's approval levels (IN-12) and a report appeal's time limits (IN-13), without Frappe."""

from datetime import date, datetime, time

import pytest

from property_service.rules.compensation import APPROVERS, approver_role, may_approve
from property_service.rules.report_appeals import days_after_receipt, lodged_in_time, result_due
from property_service.rules.working_calendar import WorkingCalendar

SUPERVISOR, MANAGER, DIRECTOR = APPROVERS


@pytest.mark.parametrize(
	"amount, role",
	[(1, SUPERVISOR), (1000, SUPERVISOR), (1000.01, MANAGER), (10000, MANAGER), (10000.5, DIRECTOR)],
)
def test_the_amount_decides_who_approves(amount, role):  # rule IN-12
	assert approver_role(amount, 1000, 10000) == role


def test_a_manager_limit_below_the_supervisors_never_narrows_the_ladder():
	assert approver_role(800, 1000, 500) == SUPERVISOR
	assert approver_role(1500, 1000, 500) == DIRECTOR


def test_a_level_above_may_approve_what_a_level_below_may():
	assert may_approve({"Office Director"}, SUPERVISOR)
	assert may_approve({"Property Manager", "Customer Service Assistant"}, MANAGER)
	assert not may_approve({"Customer Service Supervisor"}, MANAGER)
	assert not may_approve({"Customer Service Assistant", "System Manager"}, SUPERVISOR)


def test_an_appeal_is_lodged_within_the_days_of_receiving_the_report():  # rule IN-13
	received = date(2026, 3, 2)
	assert days_after_receipt(received, date(2026, 3, 12)) == 10
	assert lodged_in_time(received, date(2026, 3, 12), 10)  # the tenth day counts
	assert not lodged_in_time(received, date(2026, 3, 13), 10)
	assert not lodged_in_time(received, date(2026, 3, 1), 10)  # before the report was received


def test_the_written_result_is_due_in_calendar_days_without_a_calendar():
	accepted = datetime(2026, 3, 6, 9, 30)  # a Friday
	assert result_due(accepted, False, 15, 3) == datetime(2026, 3, 21, 9, 30)


def test_an_urgent_appeal_is_answered_in_working_days():
	friday = datetime(2026, 3, 6, 9, 30)
	# without the estate's calendar a working day is a weekday: Monday, Tuesday, Wednesday
	assert result_due(friday, True, 15, 3).date() == date(2026, 3, 11)
	office = WorkingCalendar(
		hours={day: (time(9), time(17)) for day in range(5)}, days_off=frozenset({date(2026, 3, 10)})
	)
	# in the estate's working time, a day off does not count
	assert result_due(friday, True, 15, 3, office) == datetime(2026, 3, 12, 9, 30)
	# and the 15 days are its working days too, as the complaint's reply is
	assert result_due(friday, False, 15, 3, office).date() == date(2026, 3, 30)
