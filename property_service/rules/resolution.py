"""What a complaint must record before it counts as resolved, by validity. # rules IN-3, IN-6, HN-4"""

# field → what is missing, for each validity; the caller turns the keys into translated messages
REQUIRED_FOR_RESOLUTION = {
	"Valid": ("handling_result",),
	"Not Company Fault": ("handling_result", "not_fault_explanation"),
	"Referral": ("handling_result", "referral_body"),
	"Suggestion": ("handling_result", "suggestion_decision"),
}


def missing_for_resolution(validity: str, values: dict) -> list[str]:
	"""Fieldnames still empty that `validity` needs before the complaint can be resolved."""
	required = REQUIRED_FOR_RESOLUTION.get(validity, ("handling_result",))
	return [field for field in required if not (values.get(field) or "").strip()]
