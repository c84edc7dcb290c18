"""Owner opinion surveys on a real site (SV-1..SV-8)."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, getdate, now_datetime, today

from property_service.deadline_sweep import DAILY, sweep
from property_service.exceptions import RecordKeptError, SurveyError
from property_service.install import DEFAULT_SURVEY_ASPECTS
from property_service.rules import surveys
from tests.integration.factories import act, edit, ensure_base_data, record_visit

APPROVAL = (
	("Submit for Approval", "assistant@ps.test", "Department Manager Review"),
	("Confirm Plan", "csm@ps.test", "Deputy GM Review"),
	("Review Plan", "dgm@ps.test", "General Manager Review"),
	("Approve Plan", "gm@ps.test", "Plan Approved"),
)


@pytest.fixture(scope="module")
def base():
	base = ensure_base_data()
	building = frappe.db.get_value("Building", {"estate": base.estate})
	base.units = [frappe.db.get_value("Resident", resident, "property_unit") for resident in base.residents]
	for number in ("103", "104"):
		if not frappe.db.exists("Property Unit", {"building": building, "unit_number": number}):
			frappe.get_doc({"doctype": "Property Unit", "building": building, "unit_number": number}).insert()
		base.units.append(frappe.db.get_value("Property Unit", {"building": building, "unit_number": number}))
	frappe.db.commit()
	return base


def plan_survey(base, user="assistant@ps.test", start=None, **values):
	start = getdate(start or today())
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Opinion Survey",
				"estate": base.estate,
				"survey_year": start.year,
				"purpose": "了解业主对物业服务的满意程度 How satisfied owners are",
				"collection_start": start,
				"collection_end": add_days(start, 11),
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def approved_and_open(base, handed_out=100, **values):
	survey = plan_survey(base, **values)
	for action, user, _state in APPROVAL:
		survey = act(survey, action, user)
	survey = act(survey, "Open Survey", "assistant@ps.test")
	survey = edit(survey, "assistant@ps.test", handed_out=handed_out)
	return act(survey, "Start Collecting", "assistant@ps.test")


def respond(survey, unit, ratings: dict, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		response = frappe.get_doc(
			{"doctype": "Survey Response", "survey": survey.name, "property_unit": unit, **values}
		)
		response.run_method("before_validate")
		for row in response.ratings:
			row.level = ratings.get(row.aspect)
		return response.insert()
	finally:
		frappe.set_user("Administrator")


def test_the_eight_aspects_come_with_the_app():  # SV-1
	assert set(DEFAULT_SURVEY_ASPECTS) <= set(
		frappe.get_all("Survey Aspect", filters={"enabled": 1}, pluck="name")
	)


def test_a_plan_is_approved_by_the_three_managers_in_turn(base):  # SV-2
	survey = plan_survey(base)
	assert survey.status == "Planned"
	assert [row.aspect for row in survey.aspects][:2] == ["Power Supply", "Water Supply"]
	# SV-3: 300 households on 42,000 m² → 98 %
	assert (survey.occupied_households, survey.hand_out_quota) == (300, 294)

	survey = act(survey, "Submit for Approval", "assistant@ps.test")
	with pytest.raises((WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)):
		act(survey, "Confirm Plan", "assistant@ps.test")
	survey = act(survey, "Confirm Plan", "csm@ps.test")
	survey = act(survey, "Send Back", "dgm@ps.test")
	assert survey.status == "Planned"
	for action, user, state in APPROVAL:
		survey = act(survey, action, user)
		assert survey.status == state

	with pytest.raises(frappe.ValidationError, match="approved"):
		edit(survey, "assistant@ps.test", purpose="另一个目的 Another purpose")

	survey = act(survey, "Open Survey", "assistant@ps.test")
	with pytest.raises(frappe.ValidationError):
		act(survey, "Start Collecting", "assistant@ps.test")  # nothing handed out yet
	survey = edit(survey, "assistant@ps.test", handed_out=250)  # short of 294: a warning, not a refusal
	survey = act(survey, "Start Collecting", "assistant@ps.test")
	assert survey.status == "Collecting"


def test_collection_lasts_10_to_15_days(base):  # SV-3
	with pytest.raises(frappe.ValidationError, match="10"):
		plan_survey(base, collection_end=add_days(today(), 8))
	with pytest.raises(frappe.ValidationError, match="15"):
		plan_survey(base, collection_end=add_days(today(), 15))


def test_one_response_per_household_and_only_while_collecting(base):  # SV-4
	planned = plan_survey(base)
	with pytest.raises(SurveyError, match="not taking answers"):
		respond(planned, base.units[0], {})

	survey = approved_and_open(base, scale="Three Levels")
	respond(survey, base.units[0], {"Power Supply": "Very Satisfied"}, resident=base.residents[0])
	with pytest.raises(SurveyError, match="already answered"):
		respond(survey, base.units[0], {"Power Supply": "Dissatisfied"})
	with pytest.raises(SurveyError, match="scale"):
		respond(survey, base.units[1], {"Power Supply": "Satisfied"})  # not on the three-level scale
	with pytest.raises(SurveyError, match="does not live"):
		respond(survey, base.units[2], {}, resident=base.residents[0])
	assert frappe.db.count("Survey Response", {"survey": survey.name}) == 1


def test_analysis_counts_as_the_rule_does_and_locks_the_responses(base):  # SV-4, SV-5
	earlier = approved_and_open(base, start=add_days(today(), -200))
	respond(earlier, base.units[0], {"Power Supply": "Very Satisfied", "Cleaning": "Satisfied"})
	respond(earlier, base.units[1], {"Power Supply": "Satisfied", "Cleaning": "Basically Satisfied"})
	earlier = act(earlier, "Analyse", "supervisor@ps.test")

	survey = approved_and_open(base, handed_out=8)
	answers = [
		{"Power Supply": "Very Satisfied", "Water Supply": "Dissatisfied", "Cleaning": "Basically Satisfied"},
		{"Power Supply": "Satisfied", "Water Supply": "Very Dissatisfied", "Cleaning": "Dissatisfied"},
		{"Power Supply": "Dissatisfied", "Water Supply": "Satisfied"},
	]
	responses = [respond(survey, unit, ratings) for unit, ratings in zip(base.units, answers, strict=False)]
	survey = act(survey, "Analyse", "supervisor@ps.test")

	expected = surveys.survey_result(
		"Five Levels",
		[row.aspect for row in survey.aspects],
		answers,
		8,
		{"Power Supply": 100.0, "Cleaning": 100.0},
	)
	assert (survey.returned, survey.response_rate) == (3, 37.5)
	assert survey.overall_rate == expected.overall_rate == 50.0
	assert survey.previous_survey == earlier.name
	results = {row.aspect: row for row in survey.results}
	for aspect in expected.aspects:
		row = results[aspect.aspect]
		assert (row.answers, row.satisfied_answers, row.satisfaction_rate) == (
			aspect.answers,
			aspect.satisfied,
			aspect.rate or 0,
		)
		assert row.count_dissatisfied == aspect.levels["Dissatisfied"]
	assert results["Power Supply"].satisfaction_rate == 66.7
	assert (results["Power Supply"].previous_rate, results["Power Supply"].change) == (100.0, -33.3)
	assert results["Greening"].answers == 0

	with pytest.raises(SurveyError, match="not taking answers"):
		edit(responses[0], "assistant@ps.test", comments="改一下 changed")


def test_corrective_actions_are_tracked_to_done_and_visited(base):  # SV-6
	survey = approved_and_open(base)
	respond(survey, base.units[0], {"Cleaning": "Dissatisfied", "Power Supply": "Satisfied"})
	respond(
		survey,
		base.units[1],
		{"Cleaning": "Very Satisfied", "Power Supply": "Very Satisfied"},
		resident=base.residents[1],
		needs_action=1,
		action_note="楼道灯坏了 Stairway light broken",
	)
	survey = act(survey, "Analyse", "supervisor@ps.test")

	frappe.set_user("supervisor@ps.test")
	try:
		made = survey.make_corrective_actions(base.team)
		assert survey.make_corrective_actions(base.team) == [], "each gets one action"
	finally:
		frappe.set_user("Administrator")
	actions = {a.source: a for a in (frappe.get_doc("Survey Corrective Action", name) for name in made)}
	assert set(actions) == {"Below Target", "Flagged by Staff"}
	cleaning, flagged = actions["Below Target"], actions["Flagged by Staff"]
	assert cleaning.aspect == "Cleaning" and cleaning.status == "Rectifying"
	assert getdate(cleaning.due_on) == getdate(add_days(today(), 30))
	assert (flagged.property_unit, flagged.resident) == (base.units[1], base.residents[1])
	assert frappe.db.exists(
		"ToDo", {"reference_name": cleaning.name, "allocated_to": "head@ps.test", "status": "Open"}
	)

	frappe.set_user("head@ps.test")
	try:
		with pytest.raises(frappe.ValidationError, match="measures"):
			frappe.get_doc(flagged.doctype, flagged.name).complete()
		frappe.get_doc(flagged.doctype, flagged.name).complete("已更换楼道灯 Light replaced")
	finally:
		frappe.set_user("Administrator")
	flagged.reload()
	assert flagged.status == "Rectified" and flagged.completed_on
	assert not frappe.db.exists(
		"ToDo", {"reference_name": flagged.name, "status": "Open", "allocated_to": "head@ps.test"}
	)
	visit = frappe.get_last_doc("Return Visit", filters={"reference_name": flagged.name})
	assert (visit.visit_kind, visit.property_unit, visit.visitor) == (
		"Survey Action",
		base.units[1],
		"centre@ps.test",
	)

	record_visit(flagged, "Not Satisfied", "灯又坏了 Broken again")
	flagged.reload()
	assert (flagged.status, flagged.reopen_count, flagged.resident_satisfied) == (
		"Rectifying",
		1,
		"Not Satisfied",
	)
	assert frappe.db.exists(  # back with the team's head
		"ToDo", {"reference_name": flagged.name, "status": "Open", "allocated_to": "head@ps.test"}
	)


def test_a_late_corrective_action_goes_to_the_supervisor(base):  # SV-6, ES-3
	survey = approved_and_open(base)
	respond(survey, base.units[0], {"Cleaning": "Dissatisfied"})
	survey = act(survey, "Analyse", "supervisor@ps.test")
	(name,) = survey.make_corrective_actions(base.team, add_days(today(), 2))
	sweep(DAILY, now=add_days(now_datetime(), 3))
	action = frappe.get_doc("Survey Corrective Action", name)
	assert (action.deadline_breached, action.escalation_level) == (1, "Supervisor")


def test_published_results_carry_the_rectification_plan(base):  # SV-7
	survey = approved_and_open(base)
	respond(survey, base.units[0], {"Greening": "Very Dissatisfied"})
	survey = act(survey, "Analyse", "supervisor@ps.test")
	survey.make_corrective_actions(base.team)
	survey = act(survey, "Publish Results", "supervisor@ps.test")
	assert survey.status == "Results Published" and survey.published_on
	assert "Greening" in survey.rectification_plan or "绿化" in survey.rectification_plan
	assert base.team in survey.rectification_plan


def test_the_suggestion_box_makes_complaints_and_phone_visits(base):  # SV-8
	frappe.set_user("assistant@ps.test")
	try:
		opening = frappe.get_doc(
			{
				"doctype": "Suggestion Box Opening",
				"estate": base.estate,
				"box_location": "1栋大堂 Lobby",
				"slips": [
					{
						"slip_text": "电梯经常停运 The lift keeps stopping",
						"property_unit": base.units[0],
						"outcome": "Valid Complaint",
					},
					{
						"slip_text": "建议增加儿童游乐设施 More play equipment",
						"property_unit": base.units[1],
						"outcome": "Suggestion",
					},
					{"slip_text": "无名建议 Unsigned idea", "outcome": "Suggestion"},
				],
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	opening.reload()
	complaint = frappe.get_doc("Complaint Register", opening.slips[0].complaint)
	assert (complaint.channel, complaint.validity, complaint.property_unit) == (
		"Suggestion Box",
		"Valid",
		base.units[0],
	)
	visit = frappe.get_doc("Return Visit", opening.slips[1].return_visit)
	assert (visit.visit_kind, visit.method, visit.visitor, visit.property_unit) == (
		"Suggestion",
		"Phone",
		"assistant@ps.test",
		base.units[1],
	)
	assert not opening.slips[2].return_visit, "unsigned and no number: nobody to call"

	opening = edit(opening, "assistant@ps.test", box_location="1栋大堂")
	assert frappe.db.count("Complaint Register", {"source_document_no": f"{opening.name}-1"}) == 1
	opening.slips[0].outcome = "Suggestion"
	with pytest.raises(frappe.ValidationError, match="acted on"):
		opening.save()


def test_survey_records_are_kept(base):  # RE-1, SV retention
	survey = approved_and_open(base)
	response = respond(survey, base.units[0], {"Cleaning": "Satisfied"})
	for doc in (survey, response):
		with pytest.raises(RecordKeptError):
			frappe.delete_doc(doc.doctype, doc.name)


def published_survey(base):
	survey = approved_and_open(base)
	respond(survey, base.units[0], {"Cleaning": "Dissatisfied", "Power Supply": "Very Satisfied"})
	survey = edit(
		act(survey, "Analyse", "supervisor@ps.test"), "supervisor@ps.test", common_opinions="楼道保洁不及时"
	)
	survey.make_corrective_actions(base.team)
	return act(survey, "Publish Results", "supervisor@ps.test")


def test_the_analysis_report_and_the_results_notice_print_in_chinese(base):  # SV-5, SV-7
	survey = published_survey(base)
	report = frappe.get_print("Opinion Survey", survey.name, print_format="Survey Analysis Report")
	assert "业主意见调查分析报告" in report
	assert "保洁" in report and "50.0%" in report  # Cleaning; overall 1 of 2 answers
	assert "楼道保洁不及时" in report
	notice = frappe.get_print("Opinion Survey", survey.name, print_format="Survey Results Notice")
	assert "业主意见调查结果公示" in notice and "整改计划" in notice and base.team in notice


def resident_user(base, email, resident):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "业主",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
	frappe.db.set_value("Resident", resident, "user", email)
	return email


def portal_page(user: str) -> str:
	from frappe.utils import set_request
	from frappe.website.serve import get_response_content

	had_request = hasattr(frappe.local, "request")
	previous = getattr(frappe.local, "request", None)
	frappe.set_user(user)
	try:
		set_request(method="GET", path="/survey-results")
		return get_response_content("survey-results")
	finally:
		frappe.set_user("Administrator")
		if had_request:
			frappe.local.request = previous
		else:
			del frappe.local.request


def test_residents_read_their_estates_published_results_on_the_portal(base):  # SV-7
	survey = published_survey(base)
	user = resident_user(base, "owner101@ps.test", base.residents[0])
	page = portal_page(user)
	assert survey.title in page
	assert "Cleaning" in page or "保洁" in page
	assert "50.0%" in page

	frappe.db.set_value("Resident", base.residents[0], "user", None)
	assert survey.title not in portal_page(user), "not linked to a household: nothing to show"
