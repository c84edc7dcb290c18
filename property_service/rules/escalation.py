"""The escalation ladder (ES-1, ES-5): the levels a case climbs, in the company's order.

The app knows four levels: the front desk (Assistant), the customer-service supervisor, the property
manager and the office director. Today's order is ES-1's (seed 000): assistant → supervisor → property
manager → office director. The order above the front desk is the company's (ES-5: seed 002 has the
office director report to the company's manager), and so is what each level is called; a `Ladder`
holds both, with the levels that major (ES-2) and important (IN-5, seed 003) complaints go straight to.
Every rule here takes the ladder; without one it is today's, `DEFAULT_LADDER`.

A level keeps its key whatever the company calls it or where it puts it: the key is what cases store
(`escalation_level`), and it fixes the role that holds the level, the estate field that names its
holder per estate and the workflow state a complaint takes there ("Escalated to …").
"""

from dataclasses import dataclass

from property_service.rules import complaint_states

LEVELS = ("Assistant", "Supervisor", "Manager", "Director")  # today's order, bottom to top
FRONT_DESK = LEVELS[0]  # every ladder starts at the front desk

# the role that holds a case at each level
ROLE_BY_LEVEL = {
	"Assistant": "Customer Service Assistant",
	"Supervisor": "Customer Service Supervisor",
	"Manager": "Property Manager",
	"Director": "Office Director",
}

# The estate field that names the person who decides at each level above the front desk.
DECIDER_FIELD = {
	"Supervisor": "service_supervisor",
	"Manager": "property_manager",
	"Director": "office_director",
}

# a person's place on the ladder by the role they act in; everyone else answers to the supervisor
LEVEL_BY_ROLE = {role: level for level, role in ROLE_BY_LEVEL.items()}

# the complaint workflow's states that a level's role may act in while the complaint is in hand
IN_HAND_STATES = ("Accepted", "In Handling", "Reopened")
ESCALATE_PREFIX = "Escalate to "  # the workflow's action that sends a complaint to a level
DEFAULT_MAJOR_LEVEL = "Manager"  # ES-2
# the level clause of each role's Resolve step in complaint_lifecycle.json (today's ladder)
DEFAULT_RESOLVE_CLAUSE = {
	"Customer Service Assistant": "doc.escalation_level == 'Assistant'",
	"Customer Service Supervisor": "doc.escalation_level in ('Assistant', 'Supervisor')",
	"Property Manager": "doc.escalation_level != 'Director'",
	"Office Director": None,
}


class LadderError(ValueError):
	"""A ladder the app cannot run: what is wrong (`kind`) and with which level."""

	def __init__(self, kind: str, level: str | None = None):
		super().__init__(f"{kind}: {level}" if level else kind)
		self.kind, self.level = kind, level


@dataclass(frozen=True)
class Ladder:
	levels: tuple[str, ...] = LEVELS  # bottom to top
	names: tuple[tuple[str, str], ...] = ()  # (level, what the company calls it); unnamed: the key
	major_level: str | None = DEFAULT_MAJOR_LEVEL  # ES-2: where a major complaint goes straight to
	important_level: str | None = None  # IN-5: where an important one goes (seed 003: "Director")

	def __post_init__(self):
		check_order(self.levels)
		for level in (self.major_level, self.important_level):
			if level and level not in self.levels[1:]:
				raise LadderError("not above", level)

	@property
	def is_default_order(self) -> bool:
		return self.levels == LEVELS

	def name(self, level: str | None) -> str:
		"""What the company calls the level (untranslated: the key when it gave it no name)."""
		level = level or FRONT_DESK
		return dict(self.names).get(level) or level

	def rank(self, level: str | None) -> int:
		return self.levels.index(level or FRONT_DESK)

	def next_level(self, level: str | None) -> str | None:
		"""The level above `level`, or None at the top. # rule ES-1"""
		position = self.rank(level) + 1
		return self.levels[position] if position < len(self.levels) else None

	def required_level(self, classification: str | None, current_level: str | None) -> str:
		"""Major complaints go straight to the major level (ES-2), important ones to the important level
		when the company names one (IN-5); a case already higher stays where it is."""
		current_level = current_level or FRONT_DESK
		target = {"Major": self.major_level, "Important": self.important_level}.get(classification or "")
		if target and self.rank(current_level) < self.rank(target):
			return target
		return current_level

	def levels_between(self, from_level: str | None, to_level: str) -> tuple[str, ...]:
		"""The levels passed on the way up, for the record (from excluded, to included)."""
		return self.levels[self.rank(from_level) + 1 : self.rank(to_level) + 1]

	def level_after_breach(self, level: str | None) -> str:
		"""A missed deadline moves the case one level up; the top level's cases stay there. # rule ES-3"""
		return self.next_level(level) or self.levels[-1]

	def first_decider(self, deciders: dict[str, str | None], level: str) -> tuple[str, str | None]:
		"""The first person named at `level` or above, with their level: an estate that has not named
		someone at a level still has the breach reach the next person up."""
		for candidate in self.levels[self.rank(level) :]:
			if deciders.get(candidate):
				return candidate, deciders[candidate]
		return level, None

	@property
	def is_default(self) -> bool:
		"""Today's ladder as complaint_lifecycle.json's steps have it (names aside)."""
		return self.levels == LEVELS and self.major_level == DEFAULT_MAJOR_LEVEL

	def workflow_transitions(self, transitions: list[dict]) -> list[dict]:
		"""The complaint workflow's transitions for this ladder, from complaint_lifecycle.json's (which are
		today's ladder's): its "Escalate to …" steps are this ladder's, and each role resolves what is at
		its level or below (the top level's role anything), with whatever else the file's step asks."""
		if self.is_default:
			return transitions
		kept = []
		for step in transitions:
			if step["action"].startswith(ESCALATE_PREFIX):
				continue
			if step["action"] == "Resolve" and step["allowed"] in LEVEL_BY_ROLE:
				step = {**step, "condition": self.resolve_condition(step["allowed"], step.get("condition"))}
			kept.append(step)
		return kept + self.escalate_transitions()

	def resolve_condition(self, role: str, condition: str | None) -> str | None:
		"""The file's Resolve condition for `role` with today's level clause replaced by this ladder's."""
		rest = strip_clause(condition, DEFAULT_RESOLVE_CLAUSE[role])
		position = self.rank(LEVEL_BY_ROLE[role])
		clause = None if position == len(self.levels) - 1 else at_or_below(self.levels[: position + 1])
		if rest and " or " in rest:
			rest = f"({rest})"
		return " and ".join(part for part in (clause, rest) if part) or None

	def escalate_transitions(self) -> list[dict]:
		"""Each level's role escalates a complaint it holds to the level above, from the states in hand
		and from its own "Escalated to …" state; the front desk may also send one straight to the major
		level (ES-2)."""
		transitions = []
		for position, level in enumerate(self.levels[:-1]):
			role, above = ROLE_BY_LEVEL[level], self.levels[position + 1]
			targets = [above]
			if level == FRONT_DESK and self.major_level and self.major_level != above:
				targets.append(self.major_level)  # ES-2
			sources = [*IN_HAND_STATES]
			if level in complaint_states.ESCALATED_STATE_BY_LEVEL:
				sources.append(complaint_states.ESCALATED_STATE_BY_LEVEL[level])
			for target in targets:
				for state in sources:
					transitions.append(
						{
							"state": state,
							"action": ESCALATE_PREFIX + target,
							"next_state": complaint_states.ESCALATED_STATE_BY_LEVEL[target],
							"allowed": role,
							"allow_self_approval": 1,
							"condition": at_or_below(self.levels[: position + 1]),
						}
					)
		return transitions


def check_order(levels) -> None:
	"""A ladder starts at the front desk and holds each of the app's levels once (ES-5)."""
	levels = tuple(levels)
	unknown = [level for level in levels if level not in ROLE_BY_LEVEL]
	if unknown:
		raise LadderError("unknown", unknown[0])
	repeated = [level for level in LEVELS if levels.count(level) > 1]
	if repeated:
		raise LadderError("twice", repeated[0])
	missing = [level for level in LEVELS if level not in levels]
	if missing:
		raise LadderError("missing", missing[0])
	if levels[0] != FRONT_DESK:
		raise LadderError("bottom")


def strip_clause(condition: str | None, clause: str | None) -> str | None:
	"""`condition` without `clause` where it is one of its "and" parts."""
	if not condition or not clause:
		return condition or None
	parts = [part.strip() for part in condition.split(" and ")]
	return " and ".join(part for part in parts if part != clause) or None


def at_or_below(levels) -> str:
	if len(levels) == 1:
		return f"doc.escalation_level == '{levels[0]}'"
	return "doc.escalation_level in ({})".format(", ".join(f"'{level}'" for level in levels))


DEFAULT_LADDER = Ladder()


# Today's ladder, as the app has always called these (a configured ladder: the Ladder's methods)


def rank(level: str) -> int:
	return DEFAULT_LADDER.rank(level)


def next_level(level: str) -> str | None:
	return DEFAULT_LADDER.next_level(level)


def required_level(classification: str, current_level: str) -> str:
	"""Major complaints go straight to the property manager. # rule ES-2"""
	return DEFAULT_LADDER.required_level(classification, current_level)


def levels_between(from_level: str, to_level: str) -> tuple[str, ...]:
	return DEFAULT_LADDER.levels_between(from_level, to_level)


def level_of_role(role: str | None) -> str:
	return LEVEL_BY_ROLE.get(role or "", FRONT_DESK)


def level_after_breach(level: str) -> str:
	return DEFAULT_LADDER.level_after_breach(level)


def first_decider(deciders: dict[str, str | None], level: str) -> tuple[str, str | None]:
	return DEFAULT_LADDER.first_decider(deciders, level)
