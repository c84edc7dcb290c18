"""The management reports on a real site: each figure against a count made independently of the report."""

import frappe
import frappe.desk.query_report
import pytest
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from tests.integration.factories import act, edit, ensure_base_data, ensure_user, make_complaint, record_visit

OTHER_TEAM = "测试保洁组 Test Cleaning"


@pytest.fixture(scope="module")
def base():
	base = ensure_base_data()
	if not frappe.db.exists("Service Team", OTHER_TEAM):
		frappe.get_doc(
			{"doctype": "Service Team", "team_name": OTHER_TEAM, "head": "centre@ps.test"}
		).insert()
	frappe.db.commit()
	return base


def run(report, user="supervisor@ps.test", **filters):
	filters = {"from_date": today(), "to_date": today(), **filters}
	frappe.set_user(user)
	try:
		result = frappe.desk.query_report.run(report, filters=filters)
	finally:
		frappe.set_user("Administrator")
	return frappe._dict(result)


def rows_by(result, key):
	return {row[key]: frappe._dict(row) for row in result.result if isinstance(row, dict)}


def today_filters(base):
	return {"estate": base.estate, "received_on": ("between", [f"{today()} 00:00:00", f"{today()} 23:59:59"])}


def test_complaint_statistics_counts_by_channel_and_keeps_a_team_to_its_own(base):
	make_complaint(base, channel="Telephone")
	make_complaint(base, channel="Walk-in", validity="Not Company Fault")
	make_complaint(base, channel="Telephone", service_team=OTHER_TEAM)
	result = run("Complaint Statistics", estate=base.estate, group_by="Channel")
	rows = rows_by(result, "group_value")
	for channel in ("Telephone", "Walk-in"):
		expected = frappe.db.count("Complaint Register", {**today_filters(base), "channel": channel})
		assert rows[channel].complaints == expected
	assert rows["Walk-in"].valid == frappe.db.count(
		"Complaint Register", {**today_filters(base), "channel": "Walk-in", "validity": "Valid"}
	)
	total = frappe.db.count("Complaint Register", today_filters(base))
	assert result.report_summary[0]["value"] == total
	assert result.chart["data"]["labels"]

	ensure_user("member-stats@ps.test", "统计组员", ["Service Team Member"])
	team = frappe.get_doc("Service Team", base.team)
	team.append("members", {"user": "member-stats@ps.test"})
	team.save()
	own = run("Complaint Statistics", user="member-stats@ps.test", estate=base.estate, group_by="Team")
	assert set(rows_by(own, "group_value")) == {base.team}
	assert own.report_summary[0]["value"] == frappe.db.count(
		"Complaint Register", {**today_filters(base), "service_team": base.team}
	)


def test_key_figures_give_the_effective_complaint_and_visit_handling_rates(base):  # RV-10
	make_complaint(base)
	result = run("Key Figures", estate=base.estate)
	(row,) = result.result
	valid = frappe.db.count("Complaint Register", {**today_filters(base), "validity": "Valid"})
	households = frappe.db.get_value("Estate", base.estate, "occupied_households")
	assert row["valid_complaints"] == valid
	assert row["effective_rate"] == round(100 * valid / households, 1)


def test_deadline_compliance_counts_on_time_late_and_overdue(base):  # IN-4
	late = make_complaint(base, received_on=add_to_date(now_datetime(), hours=-2))
	frappe.db.set_value(
		"Complaint Register", late.name, "acceptance_due", add_to_date(now_datetime(), hours=-1)
	)
	act(late, "Accept", "assistant@ps.test")
	act(make_complaint(base), "Accept", "assistant@ps.test")
	overdue = make_complaint(base, received_on=add_to_date(now_datetime(), minutes=-30))
	frappe.db.set_value(
		"Complaint Register", overdue.name, "acceptance_due", add_to_date(now_datetime(), minutes=-1)
	)

	# from yesterday: the late complaint, received two hours ago, is yesterday's shortly after midnight
	since = add_days(today(), -1)
	result = run("Deadline Compliance", estate=base.estate, from_date=since)
	row = rows_by(result, "deadline")["Complaint Acceptance"]
	complaint = frappe.qb.DocType("Complaint Register")
	mine = (
		frappe.qb.from_(complaint)
		.select(complaint.acceptance_due, complaint.accepted_on)
		.where(
			(complaint.estate == base.estate)
			& (complaint.received_on >= getdate(since))
			& complaint.acceptance_due.isnotnull()
		)
		.run()
	)
	now = now_datetime()
	assert row.on_time == sum(1 for due, done in mine if done and done <= due)
	assert row.late == sum(1 for due, done in mine if done and done > due) >= 1
	assert row.overdue == sum(1 for due, done in mine if not done and due < now) >= 1
	assert row.median_hours is not None


def test_recurring_problems_rank_the_same_category_at_the_same_unit(base):  # RC-2
	for _n in range(3):
		make_complaint(base)  # the same resident, unit, building and category
	result = run("Recurring Problems", estate=base.estate, min_complaints=3)
	unit = frappe.db.get_value("Resident", base.residents[0], "property_unit")
	at_unit = [r for r in result.result if r["place"] == unit and r["category"] == base.category]
	assert at_unit and at_unit[0]["complaints"] == frappe.db.count(
		"Complaint Register", {**today_filters(base), "property_unit": unit, "category": base.category}
	)
	assert [r["rank"] for r in result.result] == list(range(1, len(result.result) + 1))
	assert all(r["complaints"] >= 3 for r in result.result)


def test_return_visit_coverage_follows_the_visits(base):  # RV-1
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complaint = edit(complaint, "assistant@ps.test", handling_result="已处理 Handled")
	act(complaint, "Resolve", "assistant@ps.test")
	before = rows_by(run("Return Visit Coverage", estate=base.estate), "metric")["Complaints visited"]
	record_visit(complaint, "Satisfied")
	after = rows_by(run("Return Visit Coverage", estate=base.estate), "metric")["Complaints visited"]
	assert (after.done, after.due) == (before.done + 1, before.due)
	assert after.target == 100


def test_satisfaction_reports_survey_results_and_visit_answers(base):  # SV-5
	from tests.integration.test_opinion_surveys import approved_and_open, respond

	building = frappe.db.get_value("Building", {"estate": base.estate})
	unit = frappe.db.get_value("Property Unit", {"building": building})
	survey = approved_and_open(base)
	respond(survey, unit, {"Cleaning": "Dissatisfied", "Power Supply": "Satisfied"})
	survey = act(survey, "Analyse", "supervisor@ps.test")
	rows = run("Satisfaction", estate=base.estate).result
	overall = next(r for r in rows if r.get("survey") == survey.name and r["indent"] == 0)
	assert overall["rate"] == survey.overall_rate == 50.0
	aspects = {r["source"]: r["rate"] for r in rows if r.get("survey") == survey.name and r["indent"] == 1}
	assert aspects == {"Cleaning": 0.0, "Power Supply": 100.0}


def test_reports_are_for_management(base):
	for report in (
		"Key Figures",
		"Deadline Compliance",
		"Return Visit Coverage",
		"Satisfaction",
		"Recurring Problems",
	):
		with pytest.raises(frappe.PermissionError):
			run(report, user="technician@ps.test")
		assert run(report, user="manager@ps.test").result is not None


def test_the_workspace_shows_the_state_of_the_estate_at_a_glance(base):
	from frappe.desk.doctype.number_card.number_card import get_result

	from property_service.dashboard import satisfaction_this_month
	from property_service.rules.complaint_states import UNRESOLVED

	complaint = make_complaint(base)
	frappe.db.set_value("Complaint Register", complaint.name, "deadline_breached", 1)
	workspace = frappe.get_doc("Workspace", "Property Service")
	cards = [row.number_card_name for row in workspace.number_cards]
	assert "Overdue Complaints" in cards and "Satisfaction This Month" in cards
	assert {row.chart_name for row in workspace.charts} >= {
		"Complaints by Month",
		"Unresolved Complaints by Status",
	}
	frappe.set_user("manager@ps.test")
	try:
		card = frappe.get_doc("Number Card", "Overdue Complaints")
		overdue = get_result(card, card.filters_json)  # as the workspace asks for it
		satisfaction = satisfaction_this_month()
		# a percentage, or a dash while nobody answered this month
		assert satisfaction == "—" or satisfaction["fieldtype"] == "Percent"
	finally:
		frappe.set_user("Administrator")
	expected = frappe.get_all(
		"Complaint Register", filters={"deadline_breached": 1, "status": ("in", UNRESOLVED)}
	)
	assert overdue == len(expected)
	frappe.set_user("Guest")
	try:
		with pytest.raises(frappe.PermissionError):
			satisfaction_this_month()
	finally:
		frappe.set_user("Administrator")


def test_deadline_compliance_leaves_a_time_limit_with_nothing_due_blank(base):
	"""0 of 0 is no rate: blank, not 0 %."""
	result = run("Deadline Compliance", estate=base.estate, from_date="2001-01-01", to_date="2001-01-02")
	for row in result.result:
		assert row["total"] == 0
		assert (row["on_time_rate"], row["median_hours"], row["p90_hours"]) == (None, None, None)
	hours = {column["fieldname"]: column for column in result.columns}
	assert hours["median_hours"]["precision"] == hours["p90_hours"]["precision"] == 1


def test_deadline_compliance_median_and_90th_percentile_follow_the_times_taken(base):
	import statistics

	received = getdate("2001-03-01")
	taken = [0.5, 1, 1, 2, 3, 5, 8, 13, 21, 30]  # hours from receipt to acceptance
	for hours in taken:
		complaint = make_complaint(base)
		start = add_to_date(received, hours=1)
		frappe.db.set_value(
			"Complaint Register",
			complaint.name,
			{
				"received_on": start,
				"acceptance_due": add_to_date(start, hours=24),
				"accepted_on": add_to_date(start, hours=hours),
			},
		)
	result = run("Deadline Compliance", estate=base.estate, from_date="2001-03-01", to_date="2001-03-01")
	row = rows_by(result, "deadline")["Complaint Acceptance"]
	assert (row.total, row.on_time, row.late) == (10, 9, 1)
	assert row.median_hours == round(statistics.median(taken), 1) == 4.0
	assert row.p90_hours == round(statistics.quantiles(taken, n=10, method="inclusive")[8], 1) == 21.9
	assert row.median_hours < row.p90_hours


def test_satisfaction_leaves_a_missing_previous_survey_blank(base):
	from tests.integration.test_opinion_surveys import approved_and_open, respond

	building = frappe.db.get_value("Building", {"estate": base.estate})
	unit = frappe.db.get_value("Property Unit", {"building": building})
	survey = approved_and_open(base)
	respond(survey, unit, {"Cleaning": "Satisfied", "Power Supply": "Satisfied"})
	act(survey, "Analyse", "supervisor@ps.test")
	rows = run("Satisfaction", estate=base.estate, from_date="2000-01-01").result
	surveys = {row["survey"] for row in rows if row.get("survey")}
	previous = dict(
		frappe.get_all(
			"Opinion Survey",
			filters={"name": ("in", surveys)},
			fields=["name", "previous_survey"],
			as_list=True,
		)
	)
	first = [name for name, before in previous.items() if not before]
	assert first, "the estate's first analysed survey has no previous one"
	for row in rows:
		if row.get("survey") in first:
			assert (row["previous_rate"], row["change"]) == (None, None), row
		elif row.get("survey") and row["indent"] == 0:
			assert row["previous_rate"] is not None
	columns = {column["fieldname"]: column for column in run("Satisfaction", estate=base.estate).columns}
	assert columns["change"]["precision"] == 1


def test_satisfaction_leaves_visit_rates_blank_without_answers(base):
	result = run("Satisfaction", estate=base.estate, from_date="2001-01-01", to_date="2001-01-02")
	assert [row["rate"] for row in result.result] == [None, None]  # complaints' and repairs' visits
	assert result.report_summary[0]["value"] is None  # no survey analysed then


def test_recurring_problems_threshold_defaults_to_the_setting(base):
	from property_service.property_service.report.recurring_problems.recurring_problems import (
		default_threshold,
	)

	frappe.db.set_single_value("Property Service Settings", "recurring_threshold", 2)
	for _n in range(2):
		make_complaint(base)
	frappe.set_user("manager@ps.test")
	try:
		assert default_threshold() == 2  # what the filter box shows
	finally:
		frappe.set_user("Administrator")
	result = run("Recurring Problems", estate=base.estate)
	assert result.report_summary[1]["value"] == 2
	assert result.result and all(row["complaints"] >= 2 for row in result.result)
	labels = result.chart["data"]["labels"]
	assert len(set(labels)) == len(labels)  # each bar told apart
	assert not any(label.startswith(f"{base.estate}-") for label in labels)  # without the estate's name


def test_staff_land_on_the_workspace_first_in_their_sidebar(base):
	from frappe.desk.desktop import get_workspace_sidebar_items

	from property_service.landing import land_existing_staff

	user = ensure_user("landing@ps.test", "落地测试", ["Customer Service Assistant"])
	assert frappe.db.get_value("User", user, "default_workspace") == "Property Service"  # on saving
	frappe.db.set_value("User", user, "default_workspace", None)
	land_existing_staff()  # what migrate does for the staff there before
	assert frappe.db.get_value("User", user, "default_workspace") == "Property Service"
	frappe.db.set_value("User", user, "default_workspace", "Website")
	land_existing_staff()
	assert frappe.db.get_value("User", user, "default_workspace") == "Website"  # their own choice kept

	frappe.set_user(user)
	try:
		pages = get_workspace_sidebar_items()["pages"]
	finally:
		frappe.set_user("Administrator")
	assert pages[0]["name"] == "Property Service"


def test_the_charts_speak_the_readers_language(base):
	from property_service import dashboard

	make_complaint(base)
	frappe.set_user("manager@ps.test")
	frappe.local.lang = "zh"
	try:
		months = dashboard.complaints_by_month(chart_name="Complaints by Month")
		states = dashboard.unresolved_complaints_by_status(chart_name="Unresolved Complaints by Status")
	finally:
		frappe.local.lang = "en"
		frappe.set_user("Administrator")
	assert months["labels"][-1] == f"{getdate().year}年{getdate().month}月"
	assert sum(months["datasets"][0]["values"]) >= 1
	assert "已登记" in states["labels"] and "Registered" not in states["labels"]
	frappe.set_user("Guest")
	try:
		with pytest.raises(frappe.PermissionError):
			dashboard.unresolved_complaints_by_status()
	finally:
		frappe.set_user("Administrator")
