import zlib
from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_first_day, get_last_day, getdate

from property_service.controllers.return_visits import schedule_visit
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.doctype.repair_work_order.repair_work_order import maintenance_lead
from property_service.rules.sampling import SamplingRule, draw_sample, in_person_count, sample_due_date


class VisitSample(Document):
	def autoname(self):
		month = getdate(self.month)
		self.name = f"VS-{self.estate}-{month.year}-{month.month:02d}"

	def validate(self):
		self.month = get_first_day(self.month)
		if self.is_new():
			self.draw()

	def after_insert(self):
		self.schedule_visits()

	def draw(self):
		"""RV-4: a random sample of the month's routine orders; the seed is kept so it can be drawn again."""
		month = getdate(self.month)
		rule = sampling_rule()
		orders = routine_orders(self.estate, month)
		self.seed = zlib.crc32(f"{self.estate}|{month:%Y-%m}".encode()) & 0x7FFFFFFF  # fits an Int column
		picks = draw_sample(orders, self.seed, rule)
		self.order_count = len(orders)
		self.sample_size = len(picks)
		self.in_person_count = in_person_count(len(picks), rule)
		self.visits_due_on = sample_due_date(month.year, month.month, rule)
		self.set("orders", [{"repair_work_order": name, "method": method} for name, method in picks])

	def schedule_visits(self):
		due_on = datetime.combine(getdate(self.visits_due_on), time(23, 59, 59))
		for row in self.orders:
			order = frappe.get_doc("Repair Work Order", row.repair_work_order)
			visit = schedule_visit(
				order,
				visit_kind="Monthly Sample",
				due_on=due_on,
				visitor=maintenance_lead(order),
				visitor_role="Maintenance Lead",
				method=row.method,
				visit_sample=self.name,
			)
			row.db_set("return_visit", visit.name)


def sampling_rule() -> SamplingRule:
	settings = get_settings()
	return SamplingRule(
		small_below=settings.sample_small_below,
		small_size=settings.sample_small_size,
		large_above=settings.sample_large_above,
		mid_percent=settings.sample_mid_percent,
		large_size=settings.sample_large_size,
		in_person_above_percent=settings.sample_in_person_above,
		due_day=settings.sample_due_day,
	)


def routine_orders(estate: str, month: date) -> list[str]:
	"""The routine repairs (cleaning, small repairs) completed in the month."""
	routine = frappe.get_all("Complaint Category", filters={"is_routine": 1}, pluck="name")
	if not routine:
		return []
	return frappe.get_all(
		"Repair Work Order",
		filters={
			"estate": estate,
			"category": ["in", routine],
			"completed_on": [
				"between",
				[get_first_day(month), datetime.combine(get_last_day(month), time.max)],
			],
			"status": ["in", ["Verified", "Closed"]],
		},
		pluck="name",
	)


def sample_last_month():
	"""Month-end job: sample each estate's last month once; running it again samples nothing twice."""
	month = get_first_day(add_months(getdate(), -1))
	for estate in frappe.get_all("Estate", pluck="name"):
		name = f"VS-{estate}-{month.year}-{month.month:02d}"
		if frappe.db.exists("Visit Sample", name):
			continue
		frappe.get_doc({"doctype": "Visit Sample", "estate": estate, "month": month}).insert(
			ignore_permissions=True
		)
		if not frappe.flags.in_test:
			frappe.db.commit()  # one estate's sample and its visits at a time: a failure leaves the others done
		frappe.logger("property_service").info(_("Sampled {0}").format(name))
