"""ES-5: the escalation ladder is the company's: its order, its names, where major and important
complaints go. Today's ladder (ES-1) is the default and keeps every answer it gave."""

import json
from pathlib import Path

import pytest

from property_service.rules import complaint_states, escalation
from property_service.rules.escalation import DEFAULT_LADDER, Ladder, LadderError

WORKFLOW = Path(__file__).resolve().parents[2] / "property_service" / "workflow" / "complaint_lifecycle.json"
# seed 002: the office director reports to the company's manager
DIRECTOR_BELOW_MANAGER = Ladder(
	levels=("Assistant", "Supervisor", "Director", "Manager"),
	names=(("Manager", "物业公司经理"),),
	major_level="Director",
	important_level="Director",
)


def file_transitions() -> list[dict]:
	return json.loads(WORKFLOW.read_text())["transitions"]


def test_the_default_ladder_is_todays():  # rule ES-1
	assert DEFAULT_LADDER.levels == ("Assistant", "Supervisor", "Manager", "Director")
	assert DEFAULT_LADDER.is_default
	assert DEFAULT_LADDER.name("Manager") == "Manager"
	assert [DEFAULT_LADDER.level_after_breach(level) for level in escalation.LEVELS] == [
		"Supervisor",
		"Manager",
		"Director",
		"Director",
	]


def test_a_company_orders_and_names_its_levels():  # rule ES-5
	ladder = DIRECTOR_BELOW_MANAGER
	assert not ladder.is_default
	assert ladder.next_level("Supervisor") == "Director"
	assert ladder.next_level("Director") == "Manager"
	assert ladder.next_level("Manager") is None
	assert ladder.level_after_breach("Director") == "Manager"
	assert ladder.level_after_breach("Manager") == "Manager"  # the top keeps its cases
	assert ladder.levels_between("Assistant", "Manager") == ("Supervisor", "Director", "Manager")
	assert ladder.name("Manager") == "物业公司经理"
	assert ladder.name("Director") == "Director"  # not renamed: the level's own name
	assert ladder.name(None) == "Assistant"


def test_a_breach_reaches_the_next_person_named_in_the_companys_order():
	deciders = {"Supervisor": None, "Director": None, "Manager": "company.manager@x"}
	assert DIRECTOR_BELOW_MANAGER.first_decider(deciders, "Supervisor") == ("Manager", "company.manager@x")
	# today's order would have passed the manager by
	assert DEFAULT_LADDER.first_decider({"Director": "d@x", "Manager": "m@x"}, "Director") == (
		"Director",
		"d@x",
	)


@pytest.mark.parametrize(
	("ladder", "classification", "level", "expected"),
	[
		(DEFAULT_LADDER, "Important", "Assistant", "Assistant"),  # today: no level for important ones
		(DEFAULT_LADDER, "Major", "Assistant", "Manager"),  # ES-2
		(DIRECTOR_BELOW_MANAGER, "Important", "Assistant", "Director"),  # IN-5, seed 003
		(DIRECTOR_BELOW_MANAGER, "Important", "Supervisor", "Director"),
		(DIRECTOR_BELOW_MANAGER, "Important", "Manager", "Manager"),  # already higher: stays
		(DIRECTOR_BELOW_MANAGER, "Major", "Assistant", "Director"),
		(DIRECTOR_BELOW_MANAGER, "General", "Supervisor", "Supervisor"),
		(Ladder(important_level="Director"), "Important", "Manager", "Director"),
	],
)
def test_major_and_important_complaints_go_to_the_levels_the_company_names(
	ladder, classification, level, expected
):
	assert ladder.required_level(classification, level) == expected


@pytest.mark.parametrize(
	("levels", "kind", "level"),
	[
		(("Supervisor", "Assistant", "Manager", "Director"), "bottom", None),
		(("Assistant", "Supervisor", "Manager"), "missing", "Director"),
		(("Assistant", "Supervisor", "Manager", "Manager", "Director"), "twice", "Manager"),
		(("Assistant", "Supervisor", "Manager", "Director", "Chairman"), "unknown", "Chairman"),
	],
)
def test_a_ladder_the_app_cannot_run_is_refused(levels, kind, level):
	with pytest.raises(LadderError) as refused:
		Ladder(levels=levels)
	assert (refused.value.kind, refused.value.level) == (kind, level)


def test_major_level_is_above_the_front_desk():
	with pytest.raises(LadderError):
		Ladder(major_level="Assistant")


def test_todays_ladder_keeps_the_workflow_file_as_it_is():
	transitions = file_transitions()
	assert DEFAULT_LADDER.workflow_transitions(transitions) is transitions
	# names are the company's words only: they change no step
	assert Ladder(names=(("Director", "总经理"),)).workflow_transitions(transitions) is transitions


def steps(transitions, action):
	return {(t["state"], t["allowed"], t.get("condition")) for t in transitions if t["action"] == action}


def test_each_role_escalates_to_the_level_above_it_in_the_companys_order():
	transitions = DIRECTOR_BELOW_MANAGER.workflow_transitions(file_transitions())
	to_director = steps(transitions, "Escalate to Director")
	to_manager = steps(transitions, "Escalate to Manager")
	# the supervisor now sends up to the director, the director to the company's manager
	assert (
		"Escalated to Supervisor",
		"Customer Service Supervisor",
		"doc.escalation_level in ('Assistant', 'Supervisor')",
	) in to_director
	assert (
		"Escalated to Director",
		"Office Director",
		"doc.escalation_level in ('Assistant', 'Supervisor', 'Director')",
	) in to_manager
	assert not any(role == "Property Manager" for _state, role, _condition in to_director)
	assert not any(role == "Customer Service Supervisor" for _state, role, _condition in to_manager)
	# the front desk may send a complaint straight to the major level (ES-2), here the director
	assert ("Accepted", "Customer Service Assistant", "doc.escalation_level == 'Assistant'") in to_director
	for step in transitions:
		if step["action"].startswith("Escalate to "):
			level = step["action"].removeprefix("Escalate to ")
			assert step["next_state"] == complaint_states.ESCALATED_STATE_BY_LEVEL[level]


def test_each_role_resolves_at_its_level_or_below_the_top_anything():
	transitions = DIRECTOR_BELOW_MANAGER.workflow_transitions(file_transitions())
	resolve = steps(transitions, "Resolve")
	assert ("In Handling", "Property Manager", None) in resolve
	assert (
		"In Handling",
		"Office Director",
		"doc.escalation_level in ('Assistant', 'Supervisor', 'Director')",
	) in resolve
	assert ("In Handling", "Customer Service Assistant", "doc.escalation_level == 'Assistant'") in resolve
	# the steps that have nothing to do with the ladder are the file's
	others = [
		t
		for t in file_transitions()
		if t["action"] not in ("Resolve",) and not t["action"].startswith("Escalate")
	]
	assert [t for t in transitions if t in others] == others


def test_a_resolve_condition_keeps_what_else_the_file_asks():
	ladder = DIRECTOR_BELOW_MANAGER
	condition = "doc.escalation_level != 'Director' and doc.decision_agreed_on"
	assert ladder.resolve_condition("Property Manager", condition) == "doc.decision_agreed_on"
	assert ladder.resolve_condition("Office Director", "doc.a or doc.b") == (
		"doc.escalation_level in ('Assistant', 'Supervisor', 'Director') and (doc.a or doc.b)"
	)
