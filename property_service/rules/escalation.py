"""The escalation ladder of ES-1: assistant → supervisor → property manager → office director."""

LEVELS = ("Assistant", "Supervisor", "Manager", "Director")

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


def rank(level: str) -> int:
	return LEVELS.index(level or LEVELS[0])


def next_level(level: str) -> str | None:
	"""The level above `level`, or None at the top. # rule ES-1"""
	position = rank(level) + 1
	return LEVELS[position] if position < len(LEVELS) else None


def required_level(classification: str, current_level: str) -> str:
	"""Major complaints go straight to the property manager. # rule ES-2"""
	if classification == "Major" and rank(current_level) < rank("Manager"):
		return "Manager"
	return current_level or LEVELS[0]


def levels_between(from_level: str, to_level: str) -> tuple[str, ...]:
	"""The levels passed on the way up, for the record (from excluded, to included)."""
	return LEVELS[rank(from_level) + 1 : rank(to_level) + 1]


# a person's place on the ladder by the role they act in; everyone else answers to the supervisor
LEVEL_BY_ROLE = {role: level for level, role in ROLE_BY_LEVEL.items()}


def level_of_role(role: str | None) -> str:
	return LEVEL_BY_ROLE.get(role or "", LEVELS[0])


def level_after_breach(level: str) -> str:
	"""A missed deadline moves the case one level up; the director's cases stay with the director. # rule ES-3"""
	return next_level(level) or LEVELS[-1]


def first_decider(deciders: dict[str, str | None], level: str) -> tuple[str, str | None]:
	"""The first person named at `level` or above, with their level: an estate that has not named
	someone at a level still has the breach reach the next person up."""
	for candidate in LEVELS[rank(level) :]:
		if deciders.get(candidate):
			return candidate, deciders[candidate]
	return level, None
