"""When a return visit is due. # rules RV-2, RV-3"""

from datetime import datetime, time, timedelta


def complaint_visit_due(resolved_on: datetime, complaint_visit_days: int) -> datetime:
	"""Same day as resolved (0 days): by the end of that day. # rule RV-2"""
	return datetime.combine(resolved_on.date() + timedelta(days=complaint_visit_days), time(23, 59, 59))


def repair_visit_days(
	*,
	is_emergency: bool,
	is_large_repair: bool,
	is_safety_facility: bool,
	is_leak: bool,
	days_emergency: int,
	days_safety: int,
	days_leak: int,
	days_routine: int,
) -> int:
	"""The tightest rule that applies to the repair wins. # rule RV-3"""
	candidates = [days_routine]
	if is_emergency or is_large_repair:
		candidates.append(days_emergency)
	if is_safety_facility:
		candidates.append(days_safety)
	if is_leak:
		candidates.append(days_leak)
	return min(candidates)


def repair_visit_due(completed_on: datetime, days: int) -> datetime:
	"""0 days means immediately: due at completion."""
	return completed_on + timedelta(days=days)
