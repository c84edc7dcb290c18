"""Return-visit quotas by role over a period. # rule RV-5"""

from dataclasses import dataclass

# the visitor roles (Return Visit's visitor_role) each quota counts
QUOTA_ROLES = {
	"Manager": ("Property Manager", "Service Centre Manager", "Office Director"),
	"Supervisor": ("Customer Service Supervisor",),
	"Maintenance Lead": ("Maintenance Lead",),
}
# the Property Service Settings field that holds each quota's target share, in percent
QUOTA_TARGET_FIELDS = {
	"Manager": "quota_manager",
	"Supervisor": "quota_supervisor",
	"Maintenance Lead": "quota_maintenance_lead",
}


@dataclass(frozen=True)
class QuotaResult:
	role: str
	visits: int
	share_percent: float
	target_percent: float

	@property
	def met(self) -> bool:
		return self.share_percent >= self.target_percent


def quota_results(
	visits_due: int, visits_by_role: dict[str, int], targets: dict[str, float]
) -> list[QuotaResult]:
	"""Each role's share of the visits due, against its target (a role with no visits has 0 %)."""
	results = []
	for role, target in targets.items():
		done = visits_by_role.get(role, 0)
		share = round(100 * done / visits_due, 1) if visits_due else 0.0
		results.append(QuotaResult(role, done, share, target))
	return results


def quota_targets(settings) -> dict[str, float]:
	"""Each quota's target share from the settings (anything with the settings' fields as attributes)."""
	return {quota: getattr(settings, field) for quota, field in QUOTA_TARGET_FIELDS.items()}


def visits_by_quota(done_by_visitor_role: dict[str, int]) -> dict[str, int]:
	"""The visits done, counted by visitor role, summed into the quota each role counts towards."""
	return {
		quota: sum(done_by_visitor_role.get(role, 0) for role in roles)
		for quota, roles in QUOTA_ROLES.items()
	}


def role_quotas(visits_due: int, done_by_visitor_role: dict[str, int], settings) -> list[QuotaResult]:
	"""RV-5 as the reports apply it: the visits done by each visitor role against the settings' targets."""
	return quota_results(visits_due, visits_by_quota(done_by_visitor_role), quota_targets(settings))


def quota_to_assign(
	visits: int,
	assigned: dict[str, int],
	targets: dict[str, float],
	available: list[str],
	default: str,
) -> str:
	"""RV-5 met by assignment: of `visits` in the period (this one included), `assigned[quota]` went to
	each quota's people; the new one goes to the quota furthest below its target share, among those
	with someone to visit (`available`). Nobody short, or a tie with the rule's own visitor: `default`.
	From nothing, ten visits with targets 10/30/60 go 1/3/6."""
	best, best_shortfall = default, 0.0
	for quota in QUOTA_ROLES:
		if quota not in available:
			continue
		# rounded: 10 % of 10 visits is 1 visit, not 1.0000000000000002
		shortfall = round(targets.get(quota, 0) * visits / 100 - assigned.get(quota, 0), 9)
		better = shortfall > best_shortfall or (shortfall == best_shortfall and quota == default)
		if shortfall > 0 and better:
			best, best_shortfall = quota, shortfall
	return best
