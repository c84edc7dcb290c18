"""The steps a complaint goes through before it is resolved, by validity. # rules IN-8, IN-9, IN-10, HN-5

A valid complaint (the company's own management or service) is verified, investigated by the head of
the department complained about (or the office), and decided, with a written answer that says how to
appeal, before it is resolved. The other validities are answered as IN-6 says (the written explanation,
the referral, the director's decision); what was verified is recorded where staff did so."""

# each step and the fields it needs; the caller turns the keys into translated messages
VERIFICATION, EXPERT_OPINION, INVESTIGATION, DECISION = (
	"verification",
	"expert_opinion",
	"investigation",
	"decision",
)
STEP_FIELDS = {
	VERIFICATION: ("facts_verified",),
	INVESTIGATION: ("investigated_by", "facts_found", "cause_analysis"),
	DECISION: ("decision", "decision_agreed_by", "written_answer"),
}
STEPS_BY_VALIDITY = {"Valid": (VERIFICATION, INVESTIGATION, DECISION)}
# facts still unclear after verification are settled by an expert's opinion or the investigation (IN-8)
UNCLEAR = "Unclear"
OPEN_NOTICE_STATES = ("Issued", "Reported")


def filled(values: dict, field: str) -> bool:
	value = values.get(field)
	return bool(value.strip()) if isinstance(value, str) else bool(value)


def step_done(step: str, values: dict) -> bool:
	return all(filled(values, field) for field in STEP_FIELDS[step])


def missing_steps(validity: str, values: dict) -> list[str]:
	"""The steps still missing before a complaint of `validity` can be resolved, in the order they are
	taken."""
	missing = []
	for step in STEPS_BY_VALIDITY.get(validity, ()):
		if not step_done(step, values):
			missing.append(step)
		elif step == VERIFICATION and expert_opinion_missing(values):
			missing.append(EXPERT_OPINION)
	return missing


def expert_opinion_missing(values: dict) -> bool:
	"""An expert's opinion sought is recorded; facts left unclear need one unless the investigation
	found them."""
	if values.get("expert_opinion_sought") and not filled(values, "expert_opinion"):
		return True
	return (
		values.get("facts_verified") == UNCLEAR
		and not filled(values, "expert_opinion")
		and not filled(values, "facts_found")
	)


def step_out_of_order(validity: str, values: dict) -> str | None:
	"""The step a recorded step skipped: a decision needs the investigation, the investigation the
	verification (for the validities that take these steps)."""
	steps = STEPS_BY_VALIDITY.get(validity, ())
	for earlier, later in zip(steps, steps[1:], strict=False):
		if any(filled(values, field) for field in STEP_FIELDS[later]) and not step_done(earlier, values):
			return earlier
	return None


def open_notices(notices: list[tuple[str, str]]) -> list[str]:
	"""HN-5: the notices (name, status) still open; the complaint is answered only when none is."""
	return [name for name, status in notices if status in OPEN_NOTICE_STATES]
