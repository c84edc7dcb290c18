"""When a return visit is due. # rules RV-2, RV-3"""

from datetime import date, datetime, time, timedelta


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


# RV-6: how a visit is made
IN_PERSON, PHONE, EMAIL, ON_SITE = "In Person", "Phone", "E-mail", "On-site Inspection"
METHODS = (IN_PERSON, PHONE, EMAIL, ON_SITE)


def visit_method(
	rule_method: str, preferred: str | None, *, fixed: bool = False, has_email: bool = True
) -> str:
	"""RV-6: the resident's preferred way, unless the rule asks for a visit in person (RV-1's valid
	complaints) or the method is part of a record already (RV-4's sample); e-mail only to a resident
	whose address is known."""
	if fixed or rule_method == IN_PERSON or not preferred or preferred not in METHODS:
		return rule_method
	if preferred == EMAIL and not has_email:
		return rule_method
	return preferred


def trial_run_end(completed_on: datetime, trial_run_days: int) -> datetime:
	"""RV-13: the repaired item runs this long before it is visited (0: no trial run)."""
	return completed_on + timedelta(days=trial_run_days or 0)


# RV-12: how the company visits routine repairs
MONTHLY_SAMPLE, EVERY_REPAIR_WEEKLY = "Monthly Sample", "Every Repair of the Previous Week"


def visited_weekly(
	policy: str,
	*,
	is_routine: bool,
	is_emergency: bool,
	is_large_repair: bool,
	is_safety_facility: bool,
	is_leak: bool,
) -> bool:
	"""RV-12: a routine repair waits for the weekly round where the company visits every repair of the
	previous week; one that RV-3 visits sooner (emergency, large, safety facility, leak) does not."""
	special = is_emergency or is_large_repair or is_safety_facility or is_leak
	return policy == EVERY_REPAIR_WEEKLY and bool(is_routine) and not special


def previous_week(day: date) -> tuple[date, date]:
	"""The Monday the week before `day`'s week starts, and the Monday of `day`'s week."""
	this_monday = day - timedelta(days=day.weekday())
	return this_monday - timedelta(days=7), this_monday


def weekly_visit_due(week_start: date, days: int) -> datetime:
	"""A weekly round's visits are due by the end of the last of `days` days from its Monday (7: Sunday)."""
	return datetime.combine(week_start + timedelta(days=max(days - 1, 0)), time(23, 59, 59))
