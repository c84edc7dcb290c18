"""SV-2: the survey plan's approval chain made into the workflow, and SV-10's Pareto tally."""

import json
from pathlib import Path

import pytest

from property_service.rules import surveys

WORKFLOW = Path(__file__).parents[2] / "property_service" / "workflow" / "opinion_survey_approval.json"


def file_definition() -> dict:
	return json.loads(WORKFLOW.read_text())


def test_the_default_chain_is_the_file_as_it_stands():
	definition = file_definition()
	assert surveys.approval_states(definition) == [s for s, _r, _a in surveys.DEFAULT_APPROVAL_CHAIN]
	assert surveys.approval_workflow(definition, surveys.DEFAULT_APPROVAL_CHAIN) == definition


def test_a_chain_of_one_step_goes_from_the_plan_to_its_approval():  # seed 003: the deputy GM approves
	chain = [("Deputy GM Review", "Deputy General Manager", "Approve Plan")]
	workflow = surveys.approval_workflow(file_definition(), chain)
	states = [row["state"] for row in workflow["states"]]
	assert states[:3] == ["Planned", "Deputy GM Review", "Plan Approved"]
	assert "Department Manager Review" not in states and "General Manager Review" not in states
	moves = {(t["state"], t["action"], t["allowed"]): t["next_state"] for t in workflow["transitions"]}
	assert moves[("Planned", "Submit for Approval", "Customer Service Assistant")] == "Deputy GM Review"
	assert moves[("Planned", "Submit for Approval", "Customer Service Supervisor")] == "Deputy GM Review"
	assert moves[("Deputy GM Review", "Approve Plan", "Deputy General Manager")] == "Plan Approved"
	assert moves[("Deputy GM Review", "Send Back", "Deputy General Manager")] == "Planned"
	assert not [
		t
		for t in workflow["transitions"]
		if t["allowed"] in ("Customer Service Manager", "General Manager")
		and t["state"] not in ("Collecting", "Analysed")
	]
	# the rest of the survey's life is untouched
	assert moves[("Plan Approved", "Open Survey", "Customer Service Assistant")] == "Handing Out"
	assert moves[("Analysed", "Publish Results", "Customer Service Manager")] == "Results Published"


def test_a_chain_names_its_states_once_and_apart_from_the_others():
	fixed = ["Planned", "Plan Approved", "Handing Out"]
	assert surveys.chain_problems([("A", "R", "Go")], fixed) == []
	assert surveys.chain_problems([], fixed) == ["at least one step"]
	assert surveys.chain_problems([("A", "R", "Go"), ("A", "S", "Go")], fixed) == [
		"each step's state named once"
	]
	assert surveys.chain_problems([("Planned", "R", "Go")], fixed)
	assert surveys.chain_problems([("A", "R", "Send Back")], fixed)
	with pytest.raises(ValueError):
		surveys.approval_workflow(file_definition(), [])


def test_pareto_ranks_the_dissatisfied_items_with_their_running_share():  # SV-10
	rows = surveys.pareto({"Cleaning": 6, "Greening": 0, "Parking": 3, "Lifts": 1})
	assert [(r.aspect, r.dissatisfied, r.share, r.cumulative) for r in rows] == [
		("Cleaning", 6, 60.0, 60.0),
		("Parking", 3, 30.0, 90.0),
		("Lifts", 1, 10.0, 100.0),
	]
	assert surveys.pareto({"Cleaning": 0}) == []
	assert surveys.dissatisfied_levels("Five Levels") == ("Dissatisfied", "Very Dissatisfied")
	assert surveys.dissatisfied_levels("Three Levels") == ("Dissatisfied",)
