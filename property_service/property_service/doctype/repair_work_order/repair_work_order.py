from datetime import timedelta

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.desk.form.assign_to import remove as remove_assignment
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.translate import get_user_lang
from frappe.utils import flt, format_datetime, get_datetime, getdate, now_datetime

from property_service.controllers.return_visits import quota_visitor, schedule_visit
from property_service.controllers.workflow import move_case
from property_service.exceptions import RepairWorkOrderError
from property_service.integrations import erpnext
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.records import save_with_app_change
from property_service.rules import deadlines, visits

# the technician's part is done: nothing of this order stays on anyone's to-do list
DONE_STATES = ("Completed", "Verified", "Closed")


class RepairWorkOrder(Document):
	def autoname(self):
		year = get_datetime(self.requested_on or now_datetime()).year
		self.name = make_autoname(f"RWO-{year}-.#####", doc=self)

	def validate(self):
		self.keep_what_the_resident_signed()
		self.set_dispatch_due()
		self.validate_appointment()
		self.compute_charges()
		self.record_status_change()
		self.set_due_on()

	def on_update(self):
		self.close_finished_assignments()
		self.assign_technician()
		self.schedule_return_visit()

	def keep_what_the_resident_signed(self):
		"""WO-4, WO-5: the work and charges the resident signed for stand as signed, until the order goes
		back for rework (which asks for a new signature)."""
		before = self.get_doc_before_save()
		if not (before and before.signed_on) or self.status in ("In Progress", "Dispatched"):
			return

		def signed(doc):
			lines = [(row.item_type, row.description, flt(row.qty), flt(row.rate)) for row in doc.items]
			return lines, flt(doc.callout_fee), doc.warranty_status, doc.work_done, doc.resident_signature

		if signed(self) != signed(before):
			frappe.throw(
				_("The resident has signed for this repair: its work and charges are kept as signed."),
				RepairWorkOrderError,
			)

	def set_dispatch_due(self):
		"""WO-2: handed to a technician within minutes of the request. When the request was made is
		fixed once the order is dispatched, and a dispatch deadline already missed stays as it was."""
		before = self.get_doc_before_save()
		if before and self.has_value_changed("requested_on"):
			if before.status != "Requested":
				frappe.throw(
					_("The order is dispatched, so when it was requested is fixed."), RepairWorkOrderError
				)
			if deadlines.is_missed(get_datetime(before.dispatch_due), None, now_datetime()):
				return
		if not self.dispatch_due or self.has_value_changed("requested_on"):
			minutes = get_settings().dispatch_minutes
			self.dispatch_due = get_datetime(self.requested_on) + timedelta(minutes=minutes)

	def validate_appointment(self):
		"""WO-1: the resident's appointment; WO-7: an emergency is gone to at once, so it needs none."""
		if not self.appointment_time:
			if not self.is_emergency:
				frappe.throw(
					_("Choose the appointment time the resident wants (an emergency needs none)."),
					RepairWorkOrderError,
				)
			return
		if get_datetime(self.appointment_time) < get_datetime(self.requested_on) - timedelta(minutes=1):
			frappe.throw(_("The appointment cannot be before the request."), RepairWorkOrderError)

	def set_due_on(self):
		"""When the next step is due, for the lists' order and their overdue marker: dispatching and
		acknowledging by the dispatch deadline (WO-2), then arriving by the appointment (WO-3), or at
		once for an emergency without one (WO-7). Nothing is due once the repair is done."""
		if self.status in DONE_STATES:
			self.due_on = None
		elif self.status == "Requested" or not self.acknowledged_on:
			self.due_on = self.dispatch_due
		else:
			self.due_on = self.appointment_time or self.dispatch_due

	def compute_charges(self):
		"""WO-5: out of warranty, the call-out fee, parts and labour are charged; in warranty nothing is."""
		for item in self.items:
			item.amount = flt(item.qty) * flt(item.rate)
		self.parts_total = sum(item.amount for item in self.items if item.item_type == "Part")
		self.labour_total = sum(item.amount for item in self.items if item.item_type == "Labour")
		chargeable = self.warranty_status == "Out of Warranty"
		self.total_charge = (
			(flt(self.callout_fee) + self.parts_total + self.labour_total) if chargeable else 0
		)

	def record_status_change(self):
		if not self.has_value_changed("status"):
			return
		previous = (self.get_doc_before_save() or frappe._dict()).get("status")
		now = now_datetime()
		if self.status == "Dispatched" and previous == "Verified":
			self.start_again()
			self.dispatched_on = now
			self.flags.technician_to_assign = self.technician
		elif self.status == "Dispatched":
			if not self.technician:
				frappe.throw(_("Choose the technician before dispatching."), RepairWorkOrderError)
			self.dispatched_on = now
			self.flags.technician_to_assign = self.technician
		elif self.status == "Requested" and previous == "Dispatched":
			self.dispatched_on = self.acknowledged_on = None
			self.flags.technician_to_release = (self.get_doc_before_save() or self).technician
		elif self.status == "In Progress" and previous == "Dispatched":
			# WO-3: arriving on site; starting the work acknowledges receipt if not done already
			self.acknowledged_on = self.acknowledged_on or now
			self.arrived_on = now
		elif self.status == "In Progress" and previous == "Completed":
			# RV-13: signed not satisfied, the resident is visited at once
			self.flags.signed_not_satisfied = self.resident_satisfied == "Not Satisfied"
			self.start_again()
			self.flags.technician_to_assign = self.technician
		elif self.status == "Completed":
			self.validate_completion()
			self.completed_on = now
		elif self.status == "Verified":
			self.validate_sign_off()
			self.signed_on = now
		elif self.status == "Closed":
			self.validate_visited()

	def start_again(self):
		"""RV-7: not satisfied, so the repair is done again and signed again."""
		self.reopen_count = (self.reopen_count or 0) + 1
		self.resident_satisfied = self.resident_signature = self.signed_on = None
		self.completed_on = None

	def validate_completion(self):
		for fieldname, label in (
			("diagnosis", _("Problem Confirmed on Site")),
			("work_done", _("Work Done")),
		):
			if not (self.get(fieldname) or "").strip():
				frappe.throw(
					_("Fill in {0} before completing the repair.").format(label), RepairWorkOrderError
				)
		if self.warranty_status == "In Warranty":
			sheet_status = self.work_contact_sheet and frappe.db.get_value(
				"Work Contact Sheet", self.work_contact_sheet, "status"
			)
			if sheet_status not in ("Repaired", "Closed"):
				frappe.throw(
					_(
						"An in-warranty repair is completed once the developer has repaired it on the work contact sheet."
					),
					RepairWorkOrderError,
				)

	def validate_sign_off(self):
		"""WO-4, WO-5: the resident tries it and signs; chargeable fees are shown before sign-off."""
		if not self.resident_signature:
			frappe.throw(
				_("The resident signs the work order after trying the repair."), RepairWorkOrderError
			)
		if self.total_charge and not self.fees_shown_to_resident:
			frappe.throw(_("Show the fees to the resident before they sign."), RepairWorkOrderError)

	def validate_visited(self):
		satisfied_visit = frappe.db.exists(
			"Return Visit",
			{
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"status": "Completed",
				"satisfied": "Satisfied",
			},
		)
		if not satisfied_visit:
			frappe.throw(
				_("A work order is closed after a return visit in which the resident was satisfied."),
				RepairWorkOrderError,
			)

	def close_finished_assignments(self):
		"""A technician's to-do list holds live work only: the order's to-dos are closed once the repair
		is done, and a technician taken off the order by a redispatch loses theirs."""
		if not self.has_value_changed("status"):
			return
		if self.status in DONE_STATES:
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
		elif self.flags.technician_to_release:
			remove_assignment(
				self.doctype, self.name, self.flags.technician_to_release, ignore_permissions=True
			)
		self.flags.technician_to_release = None

	def assign_technician(self):
		if not self.flags.technician_to_assign:
			return
		technician = self.flags.technician_to_assign
		add_assignment(
			{
				"assign_to": [technician],
				"doctype": self.doctype,
				"name": self.name,
				"description": self.job_description(get_user_lang(technician)),
				"date": getdate(self.appointment_time or now_datetime()),
				"priority": "High" if self.is_emergency else "Medium",
			},
			ignore_permissions=True,
		)
		self.flags.technician_to_assign = None

	def job_description(self, lang: str) -> str:
		"""The to-do's text, in the technician's own language."""
		if self.is_emergency and not self.appointment_time:
			return _("Emergency repair at {0}, go at once: {1}", lang=lang).format(
				self.property_unit, self.problem
			)
		text = _("Emergency repair at {0} before {1}: {2}", lang=lang) if self.is_emergency else None
		text = text or _("Repair at {0} before {1}: {2}", lang=lang)
		return text.format(
			self.property_unit, format_datetime(self.appointment_time, "yyyy-MM-dd HH:mm"), self.problem
		)

	def schedule_return_visit(self):
		"""RV-3: a visit once the resident has signed, due by the kind of repair, counted from the end of
		the repaired item's trial run (RV-13, the category's days); a routine repair waits for the weekly
		round where the company visits that way (RV-12); signed not satisfied, a visit at once (RV-13)."""
		settings = get_settings()
		if self.flags.pop("signed_not_satisfied", False):
			due_on = visits.repair_visit_due(now_datetime(), settings.visit_days_emergency)
			self.schedule_repair_visit(due_on)
			return
		if not (self.has_value_changed("status") and self.status == "Verified"):
			return
		category = (
			frappe.db.get_value(
				"Complaint Category", self.category, ["is_routine", "trial_run_days"], as_dict=True
			)
			or frappe._dict()
		)
		flags = dict(
			is_emergency=self.is_emergency,
			is_large_repair=self.is_large_repair,
			is_safety_facility=self.is_safety_facility,
			is_leak=self.is_leak,
		)
		if visits.visited_weekly(settings.routine_visit_policy, is_routine=category.is_routine, **flags):
			return  # visit_sample.visit_last_weeks_repairs schedules it on Monday
		days = visits.repair_visit_days(
			**flags,
			days_emergency=settings.visit_days_emergency,
			days_safety=settings.visit_days_safety,
			days_leak=settings.visit_days_leak,
			days_routine=settings.visit_days_routine,
		)
		trial_end = visits.trial_run_end(get_datetime(self.completed_on), category.trial_run_days)
		self.schedule_repair_visit(
			visits.repair_visit_due(trial_end, days),
			visit_from=trial_end if category.trial_run_days else None,
		)

	def schedule_repair_visit(self, due_on, visit_from=None, **kwargs):
		"""A repair's visit, by the quota furthest behind (RV-5) or else the maintenance lead."""
		visitor, visitor_role = quota_visitor(self.estate, due_on, maintenance_lead(self), "Maintenance Lead")
		return schedule_visit(
			self,
			visit_kind=kwargs.pop("visit_kind", "Repair"),
			due_on=due_on,
			visit_from=visit_from,
			visitor=visitor,
			visitor_role=visitor_role,
			**kwargs,
		)

	def on_return_visit(self, visit):
		"""RV-7: satisfied closes the order; not satisfied sends it back to be repaired again."""
		if self.status != "Verified":
			return
		next_state = "Closed" if visit.satisfied == "Satisfied" else "Dispatched"
		# the visitor (or the resident on the portal) records the view; moving the order is the office's rule
		self.flags.ignore_permissions = True
		if not move_case(self, next_state):
			holder = front_desk_holder(self)
			lang = get_user_lang(holder)
			add_assignment(
				{
					"assign_to": [holder],
					"doctype": self.doctype,
					"name": self.name,
					"description": _("Return visit {0}: the resident is {1}.", lang=lang).format(
						visit.name, _(visit.satisfied, lang=lang)
					),
				},
				ignore_permissions=True,
			)

	@frappe.whitelist()
	def make_sales_invoice(self) -> str:
		"""WO-5 with ERPNext: a draft Sales Invoice of the charges, in the estate's company."""
		return erpnext.make_sales_invoice(self)

	@frappe.whitelist()
	def acknowledge(self):
		"""WO-2: the technician confirms receiving the order."""
		self.check_permission("write")
		if frappe.session.user != self.technician:
			frappe.throw(
				_("Only the technician this order was given to acknowledges it."), frappe.PermissionError
			)
		if self.status != "Dispatched":
			frappe.throw(_("Only a dispatched work order is acknowledged."), RepairWorkOrderError)
		save_with_app_change(self, self.record_acknowledgement)

	def record_acknowledgement(self):
		self.acknowledged_on = self.acknowledged_on or now_datetime()


def front_desk_holder(order) -> str:
	"""Who registered the order at the desk; for a portal request, the service-centre manager."""
	if frappe.db.get_value("User", order.owner, "user_type") == "System User":
		return order.owner
	return frappe.db.get_value("Estate", order.estate, "service_centre_manager") or "Administrator"


def maintenance_lead(order) -> str | None:
	"""The lead of the team that repairs this category, else its head."""
	team = order.category and frappe.db.get_value("Complaint Category", order.category, "default_team")
	if not team:
		return None
	lead = frappe.db.get_value(
		"Service Team Staff", {"parent": team, "parenttype": "Service Team", "is_lead": 1}, "user"
	)
	return lead or frappe.db.get_value("Service Team", team, "head")


def on_doctype_update():
	frappe.db.add_index("Repair Work Order", ["status", "dispatch_due"])
	frappe.db.add_index("Repair Work Order", ["status", "deadline_breached", "dispatch_due"])
	frappe.db.add_index("Repair Work Order", ["estate", "completed_on"])
	frappe.db.add_index("Repair Work Order", ["technician"])
	frappe.db.add_index("Repair Work Order", ["resident"])  # the portal's hourly limit locks by it
