"""What every management report filters on: an estate (or all) and a period of days."""

from datetime import datetime, time

import frappe
from frappe import _
from frappe.utils import add_days, get_first_day, getdate


def report_period(filters) -> tuple[frappe._dict, datetime, datetime]:
	"""The filters, and the period as [start, end) datetimes; this year so far when none is given."""
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or get_first_day(getdate()).replace(month=1))
	to_date = getdate(filters.to_date or getdate())
	if from_date > to_date:
		frappe.throw(_("The period's start must be before its end."))
	return filters, datetime.combine(from_date, time.min), datetime.combine(add_days(to_date, 1), time.min)


def in_period(field, start, end):
	return (field >= start) & (field < end)


def percent(part, whole) -> float | None:
	"""Part of whole in percent, to a tenth; None (shown blank) when there is nothing to count: 0 of 0 is
	no figure, not 0 %."""
	return round(100 * part / whole, 1) if whole else None
