"""Owner opinion surveys: when the next is due, how many to hand out, response rate, satisfaction.
# rules SV-1, SV-3, SV-4, SV-5, RE-1"""

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

# the answers on each scale, best first (SV-4)
SCALES = {
	"Five Levels": (
		"Very Satisfied",
		"Satisfied",
		"Basically Satisfied",
		"Dissatisfied",
		"Very Dissatisfied",
	),
	"Three Levels": ("Very Satisfied", "Basically Satisfied", "Dissatisfied"),
}
# how many of the best answers count as satisfied on each scale
SATISFIED_TOP = {"Five Levels": 3, "Three Levels": 2}
# the survey frequencies a company chooses from, in months between one estate's surveys (SV-1)
FREQUENCY_MONTHS = {"Yearly": 12, "Half-Yearly": 6}


def satisfied_levels(scale: str) -> tuple[str, ...]:
	return SCALES[scale][: SATISFIED_TOP[scale]]


def hand_out_quota(
	occupied_households: int,
	floor_area: float,
	small_estate_area: float,
	percent_small: float,
	percent_large: float,
) -> int:
	"""Copies to hand out: a share of the occupied households, larger for a small estate (rounded up). # SV-3"""
	percent = percent_small if floor_area < small_estate_area else percent_large
	return math.ceil(occupied_households * percent / 100 - 1e-9)


def rate(part: int, whole: int) -> float | None:
	"""A percentage to one decimal; None when there is nothing to divide by."""
	if not whole:
		return None
	return round(100 * part / whole + 1e-9, 1)


@dataclass
class AspectResult:
	aspect: str
	answers: int = 0
	satisfied: int = 0
	levels: dict[str, int] = field(default_factory=dict)
	previous_rate: float | None = None

	@property
	def rate(self) -> float | None:
		return rate(self.satisfied, self.answers)

	@property
	def change(self) -> float | None:
		if self.rate is None or self.previous_rate is None:
			return None
		return round(self.rate - self.previous_rate, 1)


@dataclass
class SurveyResult:
	aspects: list[AspectResult]
	returned: int
	handed_out: int

	@property
	def answers(self) -> int:
		return sum(aspect.answers for aspect in self.aspects)

	@property
	def satisfied(self) -> int:
		return sum(aspect.satisfied for aspect in self.aspects)

	@property
	def overall_rate(self) -> float | None:
		"""Satisfied answers over all answers, every aspect together. # SV-4"""
		return rate(self.satisfied, self.answers)

	@property
	def response_rate(self) -> float | None:
		return rate(self.returned, self.handed_out)


def survey_result(
	scale: str,
	aspects: Iterable[str],
	responses: Iterable[Mapping[str, str | None]],
	handed_out: int,
	previous_rates: Mapping[str, float] | None = None,
) -> SurveyResult:
	"""Each response maps an aspect to the level chosen; an aspect left blank is not an answer. # SV-4, SV-5"""
	levels = SCALES[scale]
	satisfied = set(satisfied_levels(scale))
	previous_rates = previous_rates or {}
	results = {
		aspect: AspectResult(
			aspect, levels=dict.fromkeys(levels, 0), previous_rate=previous_rates.get(aspect)
		)
		for aspect in aspects
	}
	returned = 0
	for response in responses:
		returned += 1
		for aspect, level in response.items():
			if not level or aspect not in results:
				continue
			if level not in levels:
				raise ValueError(f"{level!r} is not on the {scale} scale")
			result = results[aspect]
			result.answers += 1
			result.levels[level] += 1
			result.satisfied += level in satisfied
	return SurveyResult(list(results.values()), returned, handed_out)


def below_target(result: SurveyResult, target_rate: float) -> list[AspectResult]:
	"""Aspects answered and under the target satisfaction rate: each gets a corrective action. # SV-6"""
	return [aspect for aspect in result.aspects if aspect.rate is not None and aspect.rate < target_rate]


def collection_days_allowed(start, end, min_days: int, max_days: int) -> bool:
	"""The collection window, first and last day included. # SV-3"""
	days = (end - start).days + 1
	return min_days <= days <= max_days


def add_months(day: date, months: int) -> date:
	"""The same day `months` later; the month's last day where it is shorter (31 Aug + 6 → 28/29 Feb)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_survey_due(last_start: date, frequency: str) -> date:
	"""When an estate's next survey is due: one frequency after the last one started. # SV-1"""
	return add_months(last_start, FREQUENCY_MONTHS[frequency])


def below_min_response(response_rate: float | None, min_response: float) -> bool:
	"""Fewer questionnaires came back than the minimum share of those handed out. # SV-3"""
	return response_rate is not None and response_rate < min_response


def kept_until(collection_end: date, retention_years: int) -> date:
	"""The survey's answers are kept at least this long after its collection ends. # RE-1"""
	return add_months(collection_end, 12 * retention_years)


# SV-2: the plan's approval chain the app ships with, each step the state a plan waits in, the role that
# approves it there and the action that does (the department manager, the deputy and the general manager)
DEFAULT_APPROVAL_CHAIN = (
	("Department Manager Review", "Customer Service Manager", "Confirm Plan"),
	("Deputy GM Review", "Deputy General Manager", "Review Plan"),
	("General Manager Review", "General Manager", "Approve Plan"),
)
PLANNED, PLAN_APPROVED = "Planned", "Plan Approved"
SUBMIT, SEND_BACK = "Submit for Approval", "Send Back"


def approval_states(definition: Mapping) -> list[str]:
	"""The states of a survey workflow between the plan and its approval: the chain's steps."""
	states = [row["state"] for row in definition["states"]]
	return states[states.index(PLANNED) + 1 : states.index(PLAN_APPROVED)]


def approval_workflow(definition: Mapping, chain: Iterable[tuple[str, str, str]]) -> dict:
	"""The survey workflow with `chain` (state, role, action per step, in order) between the plan and its
	approval: the plan is submitted to the first step, each step's role approves it on to the next (the
	last to "Plan Approved") or sends it back. The rest of `definition` stays as it is. # SV-2"""
	chain = list(chain)
	if not chain:
		raise ValueError("an approval chain has at least one step")
	old = set(approval_states(definition))
	submitters = [
		row["allowed"]
		for row in definition["transitions"]
		if row["state"] == PLANNED and row["action"] == SUBMIT
	]
	states = []
	for row in definition["states"]:
		if row["state"] in old:
			continue
		states.append(row)
		if row["state"] == PLANNED:
			states += [
				{"state": state, "doc_status": "0", "allow_edit": role, "style": "Warning"}
				for state, role, _action in chain
			]
	steps = [
		{
			"state": PLANNED,
			"action": SUBMIT,
			"next_state": chain[0][0],
			"allowed": role,
			"allow_self_approval": 1,
		}
		for role in submitters
	]
	for number, (state, role, action) in enumerate(chain):
		following = chain[number + 1][0] if number + 1 < len(chain) else PLAN_APPROVED
		steps += [
			{
				"state": state,
				"action": action,
				"next_state": following,
				"allowed": role,
				"allow_self_approval": 1,
			},
			{
				"state": state,
				"action": SEND_BACK,
				"next_state": PLANNED,
				"allowed": role,
				"allow_self_approval": 1,
			},
		]
	rest = [
		row
		for row in definition["transitions"]
		if row["state"] not in old and not (row["state"] == PLANNED and row["action"] == SUBMIT)
	]
	return {**definition, "states": states, "transitions": steps + rest}


def chain_problems(chain: Iterable[tuple[str, str, str]], fixed_states: Iterable[str]) -> list[str]:
	"""What makes a chain unusable, in words for the message (English, translated by the caller). # SV-2"""
	chain = list(chain)
	problems = []
	if not chain:
		problems.append("at least one step")
	states = [state for state, _role, _action in chain]
	if len(set(states)) != len(states):
		problems.append("each step's state named once")
	if set(states) & set(fixed_states):
		problems.append("a step's state not one of the survey's other states")
	actions = {action for _state, _role, action in chain}
	if SEND_BACK in actions or SUBMIT in actions:
		problems.append("a step's action not Send Back or Submit for Approval")
	return problems


@dataclass
class ParetoRow:
	aspect: str
	dissatisfied: int
	share: float  # of all the dissatisfied answers, in percent
	cumulative: float  # this and every item before it


def dissatisfied_levels(scale: str) -> tuple[str, ...]:
	"""The answers that are not satisfied on a scale (SV-4's complement)."""
	return SCALES[scale][SATISFIED_TOP[scale] :]


def pareto(dissatisfied: Mapping[str, int]) -> list[ParetoRow]:
	"""The tally of dissatisfied answers per item, most first (ties in the order given), each with its
	share of all of them and the running total: the table and the chart of a Pareto analysis. Items
	nobody was dissatisfied with are left out. # SV-10"""
	counted = sorted(
		((aspect, count) for aspect, count in dissatisfied.items() if count > 0),
		key=lambda item: -item[1],
	)
	total = sum(count for _aspect, count in counted)
	rows, running = [], 0
	for aspect, count in counted:
		running += count
		rows.append(ParetoRow(aspect, count, rate(count, total), rate(running, total)))
	return rows
