"""SV-10 on a real site: the dissatisfied items tallied and charted (Pareto), and the director's survey
meeting with its preventive as well as corrective actions."""

import frappe
import frappe.desk.query_report
import pytest
from frappe.utils import add_days, today

from tests.integration.factories import act, edit
from tests.integration.test_opinion_surveys import approved_and_open, base, respond  # noqa: F401

# four households: Cleaning has the most dissatisfied answers, then Greening, then Water Supply
ANSWERS = (
	{"Cleaning": "Very Dissatisfied", "Greening": "Dissatisfied", "Water Supply": "Satisfied"},
	{"Cleaning": "Dissatisfied", "Greening": "Dissatisfied", "Water Supply": "Dissatisfied"},
	{"Cleaning": "Dissatisfied", "Greening": "Basically Satisfied", "Water Supply": "Very Satisfied"},
	{"Cleaning": "Satisfied", "Power Supply": "Very Satisfied"},
)


@pytest.fixture
def analysed(base):  # noqa: F811
	survey = approved_and_open(base)
	for unit, ratings in zip(base.units, ANSWERS, strict=True):
		respond(survey, unit, ratings)
	return act(survey, "Analyse", "supervisor@ps.test")


def test_the_tally_ranks_the_dissatisfied_items_most_first(analysed):
	rows = analysed.pareto_analysis()
	assert [(r["aspect"], r["dissatisfied"], r["share"], r["cumulative"]) for r in rows] == [
		("Cleaning", 3, 50.0, 50.0),
		("Greening", 2, 33.3, 83.3),
		("Water Supply", 1, 16.7, 100.0),
	]


def test_the_pareto_report_charts_bars_and_the_running_total(analysed):
	frappe.set_user("manager@ps.test")  # the property manager reads the analysis, not the answers
	try:
		result = frappe.desk.query_report.run("Survey Pareto", filters={"survey": analysed.name})
	finally:
		frappe.set_user("Administrator")
	assert [row["aspect"] for row in result["result"]] == ["Cleaning", "Greening", "Water Supply"]
	assert [row["rank"] for row in result["result"]] == [1, 2, 3]
	chart = result["chart"]
	assert chart["type"] == "axis-mixed"
	bars, line = chart["data"]["datasets"]
	assert (bars["chartType"], line["chartType"]) == ("bar", "line")
	assert bars["values"] == [50.0, 33.3, 16.7] and line["values"] == [50.0, 83.3, 100.0]


def test_a_survey_not_yet_analysed_has_nothing_to_rank(base):  # noqa: F811
	survey = approved_and_open(base)
	result = frappe.desk.query_report.run("Survey Pareto", filters={"survey": survey.name})
	assert result["result"] == [] and "not analysed" in str(result["message"])


def test_the_survey_meeting_decides_preventive_as_well_as_corrective_actions(base, analysed):  # noqa: F811
	with pytest.raises(frappe.ValidationError, match="once it is held"):
		edit(analysed, "supervisor@ps.test", meeting_held_on=add_days(today(), 1))
	survey = edit(
		analysed,
		"supervisor@ps.test",
		meeting_held_on=today(),
		meeting_chaired_by="director@ps.test",
		meeting_attendees="主任、客服主管、保洁主管",
		meeting_minutes="保洁不满意最多：增加楼道保洁频次；制定保洁巡检标准，防止再次发生。",
	)
	frappe.set_user("supervisor@ps.test")
	try:
		preventive = frappe.get_doc(
			{
				"doctype": "Survey Corrective Action",
				"survey": survey.name,
				"action_type": "Preventive",
				"aspect": "Cleaning",
				"problem": "制定楼道保洁巡检标准 A cleaning inspection standard for the stairwells",
				"service_team": base.team,
				"due_on": add_days(today(), 30),
			}
		).insert()
		# the preventive action on Cleaning does not stand in for Cleaning's corrective action
		made = frappe.get_doc("Opinion Survey", survey.name).make_corrective_actions(base.team)
	finally:
		frappe.set_user("Administrator")
	actions = frappe.get_all(
		"Survey Corrective Action",
		filters={"survey": survey.name},
		fields=["name", "aspect", "action_type"],
	)
	assert {(a.aspect, a.action_type) for a in actions} >= {
		("Cleaning", "Preventive"),
		("Cleaning", "Corrective"),
		("Greening", "Corrective"),
	}
	assert preventive.name not in made

	published = act(survey, "Publish Results", "supervisor@ps.test")
	assert "预防" in published.rectification_plan or "Preventive" in published.rectification_plan

	# the analysis report for the director prints the tally, the meeting and the preventive action
	report = frappe.get_print("Opinion Survey", survey.name, print_format="Survey Analysis Report")
	assert "不满意项目排列" in report and "83.3%" in report  # Cleaning then Greening: 50 + 33.3
	assert "调查专题会议" in report and "制定保洁巡检标准" in report and "主任 Director" in report
	assert "预防" in report


def test_the_meeting_follows_the_analysis(base):  # noqa: F811
	survey = approved_and_open(base)
	with pytest.raises(frappe.ValidationError, match="analyse the survey first"):
		edit(survey, "supervisor@ps.test", meeting_held_on=today())
