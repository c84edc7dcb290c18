"""Groups of complaint workflow states (property_service/workflow/complaint_lifecycle.json)."""

ESCALATED = ("Escalated to Supervisor", "Escalated to Manager", "Escalated to Director")
# accepted and not yet resolved: a handling notice can be issued (HN-1)
IN_HAND = ("Accepted", "In Handling", "Reopened", *ESCALATED)
# not resolved yet: what a shift hands over to the next (RV-2)
UNRESOLVED = ("Registered", *IN_HAND)
# the state a complaint in hand takes when it reaches each level above the front desk
ESCALATED_STATE_BY_LEVEL = {
	"Supervisor": "Escalated to Supervisor",
	"Manager": "Escalated to Manager",
	"Director": "Escalated to Director",
}
# the level a complaint reaches in each "Escalated to …" state
LEVEL_BY_ESCALATED_STATE = {state: level for level, state in ESCALATED_STATE_BY_LEVEL.items()}
