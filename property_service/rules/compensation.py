"""Compensation for a loss a valid complaint caused: who must approve the amount. # rule IN-12

The company sets up to which amount each level approves (Property Service Settings → Compensation); a
level above may always approve what a level below may."""

# the roles that approve compensation, lowest first
APPROVERS = ("Customer Service Supervisor", "Property Manager", "Office Director")


def approver_role(amount: float, supervisor_limit: float, manager_limit: float) -> str:
	"""The lowest role that may approve `amount`: the supervisor up to their limit, the property manager up
	to theirs, the office director above. A manager's limit set below the supervisor's counts as the
	supervisor's (the ladder never narrows going up)."""
	if amount <= supervisor_limit:
		return APPROVERS[0]
	if amount <= max(manager_limit, supervisor_limit):
		return APPROVERS[1]
	return APPROVERS[2]


def may_approve(roles: list[str] | set[str], required_role: str) -> bool:
	"""Whether someone holding `roles` may approve what `required_role` must: that role or one above."""
	needed = APPROVERS.index(required_role)
	return any(role in APPROVERS and APPROVERS.index(role) >= needed for role in roles)
