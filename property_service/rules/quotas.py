"""Return-visit quotas by role over a period. # rule RV-5"""

from dataclasses import dataclass


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
