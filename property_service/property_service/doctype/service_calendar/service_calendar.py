from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time, getdate

from property_service.rules.china_holidays import official_days_of_year
from property_service.rules.working_calendar import WorkingCalendar

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ServiceCalendar(Document):
	def validate(self):
		seen = set()
		for row in self.hours:
			if row.weekday in seen:
				frappe.throw(_("{0} has working hours twice.").format(_(row.weekday)))
			seen.add(row.weekday)
			if get_time(row.opens) >= get_time(row.closes):
				frappe.throw(_("On {0} the office must open before it closes.").format(_(row.weekday)))

	def working_calendar(self, years: range) -> WorkingCalendar:
		days_off = {getdate(row.day_off) for row in self.days_off}
		make_up_days = set()
		if self.use_china_holidays:
			for year in years:
				holidays, make_up, missing = official_days_of_year(year)
				days_off |= holidays
				make_up_days |= make_up
				if missing:
					frappe.msgprint(
						_(
							"China's official holidays for {0} are not in the holidays library yet: only weekends and the estate's own days off count that year."
						).format(year),
						alert=True,
					)
		return WorkingCalendar(
			hours={
				WEEKDAYS.index(row.weekday): (get_time(row.opens), get_time(row.closes)) for row in self.hours
			},
			days_off=frozenset(days_off),
			make_up_days=frozenset(make_up_days),
		)


def estate_calendar(estate: str, around: datetime) -> WorkingCalendar | None:
	"""The estate's working calendar for deadlines starting around then; None when it counts calendar time."""
	deadline_time, name = frappe.get_cached_value("Estate", estate, ["deadline_time", "service_calendar"])
	if deadline_time != "Working Time" or not name:
		return None
	return frappe.get_cached_doc("Service Calendar", name).working_calendar(
		range(around.year, around.year + 2)
	)
