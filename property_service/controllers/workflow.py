"""Moving a case on through its workflow, as the app does for the person acting (a complaint put in
handling by its first notice, moved to its return visit and closed or reopened by it, a work order
verified or reworked by its visit)."""

from frappe.model.workflow import apply_workflow, get_transitions


def move_case(case, next_state: str) -> bool:
	"""Move the case on through its workflow if the current user may; say whether it moved."""
	for transition in get_transitions(case):
		if transition.next_state == next_state:
			apply_workflow(case, transition.action)
			return True
	return False
