import zlib
from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_datetime, get_first_day, get_last_day, getdate, now_datetime
from pypika.terms import ExistsCriterion

from property_service.controllers.return_visits import quota_visitor, schedule_visit
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.doctype.repair_work_order.repair_work_order import maintenance_lead
from property_service.rules import visits
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
			visitor, visitor_role = quota_visitor(  # RV-5
				self.estate, due_on, maintenance_lead(order), "Maintenance Lead"
			)
			visit = schedule_visit(
				order,
				visit_kind="Monthly Sample",
				due_on=due_on,
				visitor=visitor,
				visitor_role=visitor_role,
				method=row.method,
				method_fixed=True,  # RV-4's share in person is the sample's record
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
	"""Month-end job: sample each estate's last month once; running it again samples nothing twice. A
	company that visits every repair of the previous week instead draws no sample (RV-12)."""
	if get_settings().routine_visit_policy == visits.EVERY_REPAIR_WEEKLY:
		return
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


def visit_last_weeks_repairs(today=None) -> list[str]:
	"""RV-12, seed 002: each Monday, a return visit for every routine repair signed the week before
	(100 %, a phone call counts), due within the routine repairs' days from the Monday, where the
	company visits routine repairs that way. A repair whose trial run (RV-13) has not ended by the
	Monday is taken in the week it ends. Running it again schedules nothing twice: a repair waiting
	for its visit has one. Returns the visits scheduled."""
	settings = get_settings()
	if settings.routine_visit_policy != visits.EVERY_REPAIR_WEEKLY:
		return []
	_last_monday, this_monday = visits.previous_week(getdate(today or now_datetime()))
	due_on = visits.weekly_visit_due(this_monday, settings.visit_days_routine)
	scheduled = []
	for order in waiting_for_the_weekly_round(this_monday):
		trial_end = visits.trial_run_end(get_datetime(order.completed_on), order.trial_run_days)
		if trial_end >= datetime.combine(this_monday, time.min):
			continue  # still on trial: next week's round
		doc = frappe.get_doc("Repair Work Order", order.name)
		visit = doc.schedule_repair_visit(due_on, visit_from=trial_end if order.trial_run_days else None)
		scheduled.append(visit.name)
	return scheduled


def waiting_for_the_weekly_round(this_monday: date) -> list:
	"""Routine repairs signed before this Monday and not closed, without a visit since they were signed."""
	order = frappe.qb.DocType("Repair Work Order")
	category = frappe.qb.DocType("Complaint Category")
	visit = frappe.qb.DocType("Return Visit")
	visited = (
		frappe.qb.from_(visit)
		.select(visit.name)
		.where(
			(visit.reference_doctype == "Repair Work Order")
			& (visit.reference_name == order.name)
			& (visit.creation >= order.signed_on)
		)
	)
	rows = (
		frappe.qb.from_(order)
		.join(category)
		.on(category.name == order.category)
		.select(order.name, order.completed_on, category.trial_run_days)
		.where(
			(order.status == "Verified")
			& (order.signed_on < this_monday)
			& (category.is_routine == 1)
			& (order.is_emergency == 0)
			& (order.is_large_repair == 0)
			& (order.is_safety_facility == 0)
			& (order.is_leak == 0)
			& ExistsCriterion(visited).negate()  # NOT EXISTS
		)
		.orderby(order.signed_on)
		.run(as_dict=True)
	)
	return rows
