"""RV-11: a courtesy call on a household. Recorded when made: the household, when, the etiquette at the
door (seed 001: own shoe covers, ring or knock three times, greet and say why, shoe covers on before going
in, a short talk, goodbye and the door closed gently) and what the resident said; the plan counts it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from property_service.controllers.raised import register_from
from property_service.property_service.doctype.courtesy_visit_plan.courtesy_visit_plan import (
	update_completion,
)

ETIQUETTE = (
	"brought_shoe_covers",
	"knocked_three_times",
	"greeted_and_explained",
	"wore_shoe_covers",
	"kept_talk_short",
	"said_goodbye",
)


class CourtesyVisitError(frappe.ValidationError):
	pass


class CourtesyVisit(Document):
	def validate(self):
		self.place_in_round()
		self.validate_plan()
		self.validate_household()
		self.record_visit()

	def place_in_round(self):
		if self.flags.round_and_slot:
			self.round_number, self.slot = self.flags.round_and_slot

	def validate_plan(self):
		if not self.plan:
			return
		estate, year = frappe.db.get_value("Courtesy Visit Plan", self.plan, ["estate", "plan_year"])
		if estate != self.estate:
			frappe.throw(_("The plan {0} is for estate {1}.").format(self.plan, estate), CourtesyVisitError)
		if self.due_by and get_datetime(self.due_by).year != int(year):
			frappe.throw(_("The plan {0} is for {1}.").format(self.plan, year), CourtesyVisitError)

	def validate_household(self):
		if (
			self.property_unit
			and frappe.db.get_value("Property Unit", self.property_unit, "estate") != self.estate
		):
			frappe.throw(
				_("Household {0} is not in estate {1}.").format(self.property_unit, self.estate),
				CourtesyVisitError,
			)
		if (
			self.resident
			and self.property_unit
			and frappe.db.get_value("Resident", self.resident, "property_unit") != self.property_unit
		):
			frappe.throw(
				_("{0} is not a resident of {1}.").format(self.resident, self.property_unit),
				CourtesyVisitError,
			)

	def record_visit(self):
		"""A visit with its time is made: it needs the household, and the time cannot be in the future."""
		if not self.visited_on:
			self.status = "Visit Planned"
			return
		if not self.property_unit:
			frappe.throw(_("Record which household was visited."), CourtesyVisitError)
		if get_datetime(self.visited_on) > now_datetime():
			frappe.throw(_("A visit cannot be recorded before it is made."), CourtesyVisitError)
		self.status = "Visit Made"
		missed = [_(self.meta.get_label(field)) for field in ETIQUETTE if not self.get(field)]
		if missed and self.has_value_changed("visited_on"):
			frappe.msgprint(
				_("Not ticked on the etiquette checklist: {0}").format("、".join(missed)),
				indicator="orange",
				alert=True,
			)

	def on_update(self):
		update_completion(self.plan)

	@frappe.whitelist()
	def register_complaint(self) -> str:
		"""What the resident raised becomes a complaint of the register (channel Return Visit: raised
		during a visit), once."""
		self.check_permission("write")
		if self.complaint:
			frappe.throw(_("Already registered as {0}.").format(self.complaint), CourtesyVisitError)
		if self.status != "Visit Made" or not self.opinions:
			frappe.throw(_("Record the visit and what the resident said first."), CourtesyVisitError)
		complaint = register_from(
			self,
			text=self.opinions,
			validity="Valid",
			channel="Return Visit",
			property_unit=self.property_unit,
			resident=self.resident,
		)
		self.db_set("complaint", complaint)
		return complaint
