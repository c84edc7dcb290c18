"""Courtesy visits planned by role and frequency, made with the etiquette at the door, and the plan's
completion (RV-11), on a real site."""

from datetime import date

import frappe
import pytest
from frappe.utils import add_days, getdate, now_datetime, today

from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.courtesy_visit.courtesy_visit import CourtesyVisitError
from property_service.property_service.doctype.courtesy_visit_plan.courtesy_visit_plan import (
	CourtesyVisitPlanError,
	refresh_plans,
)
from tests.integration.factories import ensure_estate

SETTINGS = "Property Service Settings"


@pytest.fixture(scope="module")
def flats():
	return ensure_estate(
		"走访测试小区 Courtesy Estate",
		{"1栋": [("101", "赵一", "13900001101"), ("102", "钱二", "13900001102")]},
	)


@pytest.fixture(scope="module")
def villas():
	made = ensure_estate(
		"别墅测试小区 Villa Estate",
		{
			"A区": [
				("1号", "孙三", "13900001201"),
				("2号", "李四", "13900001202"),
				("3号", "周五", "13900001203"),
			]
		},
	)
	frappe.db.set_value("Estate", made.estate, "is_villa_estate", 1)
	frappe.db.commit()
	return made


def plan_for(estate, year=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Courtesy Visit Plan",
			"estate": estate,
			"plan_year": year or getdate(today()).year,
			**values,
		}
	).insert()


def test_a_plan_starts_from_the_settings_and_the_estates_people(flats):  # rule RV-11
	frappe.db.set_single_value(SETTINGS, {"courtesy_director_visits": 2, "courtesy_manager_visits": 4})
	plan = plan_for(flats.estate)
	rows = {row.visit_kind: row for row in plan.rounds}
	assert set(rows) == {"Office Director Visit", "Property Manager Visit"}  # not a villa estate
	assert rows["Office Director Visit"].visitor == "director@ps.test"
	assert rows["Office Director Visit"].visits_a_year == 2
	assert rows["Property Manager Visit"].visitor == "manager@ps.test"
	assert rows["Property Manager Visit"].visits_a_year == 4
	assert plan.status == "Planning"


def test_generating_makes_each_rounds_visits_due_by_the_rounds_last_day(flats):  # rule RV-11
	plan = plan_for(flats.estate, 2026)
	assert plan.generate_visits() == 6
	visits = frappe.get_all(
		"Courtesy Visit",
		filters={"plan": plan.name},
		fields=["visit_kind", "visitor", "due_by", "round_number", "status"],
		order_by="visit_kind, due_by",
	)
	director = [v.due_by for v in visits if v.visit_kind == "Office Director Visit"]
	manager = [v.due_by for v in visits if v.visit_kind == "Property Manager Visit"]
	assert director == [date(2026, 6, 30), date(2026, 12, 31)]
	assert manager == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
	assert {v.status for v in visits} == {"Visit Planned"}
	# again: nothing is missing, nothing is added
	assert plan.generate_visits() == 0
	plan.reload()
	assert plan.visits_planned == 6 and plan.status == "Under Way"


def test_a_villa_estate_is_visited_door_to_door_every_round(villas):  # rule RV-11
	frappe.db.set_single_value(SETTINGS, "courtesy_door_to_door_visits", 2)
	plan = plan_for(villas.estate, 2026)
	door = next(row for row in plan.rounds if row.visit_kind == "Door-to-Door Visit")
	assert door.visitor == "manager@ps.test" and door.visits_a_year == 2
	plan.generate_visits()
	door_visits = frappe.get_all(
		"Courtesy Visit",
		filters={"plan": plan.name, "visit_kind": "Door-to-Door Visit"},
		fields=["property_unit", "due_by"],
	)
	# every household, in each of the two rounds
	assert len(door_visits) == 2 * len(villas.units)
	assert {v.property_unit for v in door_visits} == set(villas.units)


def test_door_to_door_is_for_villa_estates_and_one_plan_a_year(flats):
	plan = plan_for(flats.estate, 2025)
	with pytest.raises(CourtesyVisitPlanError):
		plan_for(flats.estate, 2025)
	plan.append(
		"rounds", {"visit_kind": "Door-to-Door Visit", "visitor": "manager@ps.test", "visits_a_year": 1}
	)
	with pytest.raises(CourtesyVisitPlanError):
		plan.save()
	plan.reload()
	plan.rounds[0].visits_a_year = 13
	with pytest.raises(CourtesyVisitPlanError):
		plan.save()


def test_recording_a_visit_counts_towards_the_plans_completion(flats):  # rule RV-11
	plan = plan_for(flats.estate, 2026)
	plan.generate_visits()
	name = frappe.get_all("Courtesy Visit", filters={"plan": plan.name}, pluck="name", limit=1)[0]
	visit = frappe.get_doc("Courtesy Visit", name)
	visit.visited_on = now_datetime()
	with pytest.raises(CourtesyVisitError):
		visit.save()  # which household?
	visit.reload()
	visit.property_unit = flats.units[0]
	visit.visited_on = add_days(now_datetime(), 1)
	with pytest.raises(CourtesyVisitError):
		visit.save()  # not made yet
	visit.reload()
	visit.update(
		{
			"property_unit": flats.units[0],
			"resident": flats.residents[0],
			"visited_on": now_datetime(),
			"minutes_spent": 10,
			"brought_shoe_covers": 1,
			"knocked_three_times": 1,
			"greeted_and_explained": 1,
			"wore_shoe_covers": 1,
			"kept_talk_short": 1,
			"said_goodbye": 1,
			"opinions": "楼道灯经常不亮 The stairwell light often fails",
		}
	)
	visit.save()
	assert visit.status == "Visit Made"
	plan.reload()
	assert (plan.visits_made, plan.visits_planned, plan.completion) == (1, 6, 16.7)
	row = next(row for row in plan.rounds if row.visit_kind == visit.visit_kind)
	assert row.made == 1 and row.planned == row.visits_a_year


def test_visits_past_their_round_are_counted_overdue(flats):
	last_year = getdate(today()).year - 1
	plan = plan_for(flats.estate, last_year)
	plan.generate_visits()
	plan.reload()
	assert plan.visits_overdue == plan.visits_planned == 6
	assert plan.completion == 0


def test_what_a_resident_said_becomes_a_complaint_once(flats):  # rules RV-11, IN-1
	visit = frappe.get_doc(
		{
			"doctype": "Courtesy Visit",
			"estate": flats.estate,
			"visit_kind": "Property Manager Visit",
			"visitor": "manager@ps.test",
			"due_by": today(),
			"property_unit": flats.units[1],
			"visited_on": now_datetime(),
			"opinions": "地下车库漏水 The garage leaks",
		}
	).insert()
	complaint = visit.register_complaint()
	record = frappe.get_doc("Complaint Register", complaint)
	assert record.source_document_no == visit.name and record.channel == "Return Visit"
	assert record.property_unit == flats.units[1] and record.resident == flats.residents[1]
	visit.reload()
	assert visit.complaint == complaint
	with pytest.raises(CourtesyVisitError):
		visit.register_complaint()


def test_a_household_of_another_estate_is_refused(flats, villas):
	with pytest.raises(CourtesyVisitError):
		frappe.get_doc(
			{
				"doctype": "Courtesy Visit",
				"estate": flats.estate,
				"visit_kind": "Office Director Visit",
				"visitor": "director@ps.test",
				"due_by": today(),
				"property_unit": villas.units[0],
			}
		).insert()


def test_the_plan_and_visits_are_kept_and_print(flats):  # rules RE-1, RE-2
	plan = plan_for(flats.estate, 2024)
	plan.generate_visits()
	name = frappe.get_all("Courtesy Visit", filters={"plan": plan.name}, pluck="name", limit=1)[0]
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Courtesy Visit", name)
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Courtesy Visit Plan", plan.name)
	html = frappe.get_print("Courtesy Visit", name, print_format="Courtesy Visit Record")
	assert "走访记录表" in html and "自备鞋套" in html and "住户签字" in html
	html = frappe.get_print("Courtesy Visit Plan", plan.name, print_format="Courtesy Visit Plan Report")
	assert "走访计划及完成情况" in html and name in html and "管理处主任签字" in html


def test_the_assistant_records_visits_but_does_not_plan_them(flats):
	frappe.set_user("assistant@ps.test")
	assert frappe.has_permission("Courtesy Visit", "create")
	assert frappe.has_permission("Courtesy Visit Plan", "read")
	assert not frappe.has_permission("Courtesy Visit Plan", "create")
	assert not frappe.has_permission("Courtesy Visit", "delete")


def test_the_daily_job_counts_visits_that_passed_their_round(flats):
	plan = plan_for(flats.estate, getdate(today()).year - 2)
	plan.generate_visits()
	frappe.db.set_value("Courtesy Visit Plan", plan.name, "visits_overdue", 0)  # as counted before
	refresh_plans()
	assert frappe.db.get_value("Courtesy Visit Plan", plan.name, "visits_overdue") == 6
	assert (
		"property_service.property_service.doctype.courtesy_visit_plan.courtesy_visit_plan.refresh_plans"
		in (frappe.get_hooks("scheduler_events")["daily"])
	)


def test_the_completion_report_counts_each_estates_visits_by_kind_and_visitor(flats):  # rule RV-11
	from property_service.property_service.report.courtesy_visit_completion.courtesy_visit_completion import (
		execute,
	)

	last_year = getdate(today()).year - 1
	plan = plan_for(flats.estate, last_year)
	plan.generate_visits()
	name = frappe.get_all(
		"Courtesy Visit", filters={"plan": plan.name, "visit_kind": "Office Director Visit"}, pluck="name"
	)[0]
	visit = frappe.get_doc("Courtesy Visit", name)
	visit.update({"property_unit": flats.units[0], "visited_on": now_datetime()})
	visit.save()
	columns, data, _message, chart, summary = execute({"estate": flats.estate, "plan_year": last_year})
	rows = {row.visit_kind: row for row in data}
	assert (rows["Office Director Visit"].planned, rows["Office Director Visit"].made) == (2, 1)
	assert rows["Office Director Visit"].completion == 50.0 and rows["Office Director Visit"].overdue == 1
	assert (rows["Property Manager Visit"].planned, rows["Property Manager Visit"].overdue) == (4, 4)
	assert [s["value"] for s in summary][:3] == [6, 1, 5]
	assert chart["data"]["labels"]
