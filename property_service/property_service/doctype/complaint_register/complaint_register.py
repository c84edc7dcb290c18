import frappe
from frappe import _, _lt
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import get_datetime, now_datetime

from property_service.controllers.escalation_ladder import get_ladder, level_name
from property_service.controllers.return_visits import schedule_visit
from property_service.controllers.workflow import move_case
from property_service.exceptions import ComplaintError, EscalationError, ResolutionError
from property_service.property_service.doctype.case_pause.case_pause import pause_clock, resume_clock
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.property_service.doctype.service_calendar.service_calendar import estate_calendar
from property_service.records import save_with_app_change
from property_service.rules import (
	complaint_states,
	deadlines,
	escalation,
	investigation,
	resolution,
	visits,
)

# who may correct when an accepted complaint was received (the supervisor, or a level above)
RECEIVED_ON_CORRECTORS = ("Customer Service Supervisor", "Property Manager", "Office Director")

RESOLUTION_FIELD_MESSAGES = {
	"handling_result": _lt("Record the handling result before resolving the complaint."),
	"not_fault_explanation": _lt(
		"A complaint that is not the company's fault needs the written explanation given to the complainant."
	),
	"referral_body": _lt("A referral needs the government body it was referred to."),
	"suggestion_decision": _lt(
		"A suggestion is resolved only after the office director adopts or rejects it."
	),
}


STEP_MESSAGES = {
	investigation.VERIFICATION: _lt(
		"Verify the complainant and whether the matter is true (Verification) before going on."
	),
	investigation.EXPERT_OPINION: _lt(
		"The facts are unclear: record the expert's opinion, or the facts the investigation found."
	),
	investigation.INVESTIGATION: _lt(
		"Record the investigation (who investigated, the facts found and the cause analysis) before going on."
	),
	investigation.DECISION: _lt(
		"Record the handling decision, who agreed it and the written answer to the complainant before resolving."
	),
}


class ComplaintRegister(Document):
	def autoname(self):
		# numbered by the year it was received (IN-1), e.g. CMP-2026-00042
		year = get_datetime(self.received_on or now_datetime()).year
		self.name = make_autoname(f"CMP-{year}-.#####", doc=self)

	def validate(self):
		self.set_registrar()
		self.validate_contact()
		self.validate_unit_in_estate()
		self.validate_received_on_fixed()
		self.set_deadlines()
		self.record_received_on_correction()
		self.follow_escalation_state()
		self.apply_major_rule()
		self.record_escalation()
		self.route_suggestion()
		self.record_suggestion_decision()
		self.validate_resident_view_from_visit()
		self.record_status_change()
		self.record_steps()
		self.set_final_answer_due()

	def on_update(self):
		self.assign_escalation()
		self.send_suggestion_to_director()
		self.schedule_return_visit()
		if self.has_value_changed("status") and self.status == "Resolved":
			# escalations and the director's suggestion are answered: their to-dos are done
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)

	def validate_contact(self):
		# IN-3: when it cannot be answered at once, the contact number is kept and a reply promised
		if not self.contact_phone and self.channel not in ("Letter", "Suggestion Box"):
			frappe.throw(_("Keep the complainant's contact phone so that the office can reply."))

	def validate_unit_in_estate(self):
		if self.property_unit:
			unit_estate = frappe.db.get_value("Property Unit", self.property_unit, "estate")
			if unit_estate != self.estate:
				frappe.throw(
					_("Property unit {0} is not in estate {1}.").format(
						frappe.bold(self.property_unit), frappe.bold(self.estate)
					)
				)

	def set_registrar(self):
		if self.is_new() and frappe.db.get_value("User", frappe.session.user, "user_type") == "Website User":
			# filed by the resident on the portal: nobody at the desk has registered it yet
			self.registered_by = None

	def validate_received_on_fixed(self):
		"""Once accepted, when the complaint was received is evidence: only the supervisor's correction
		(`correct_received_on`) changes it."""
		before = self.get_doc_before_save()
		received = get_datetime(self.received_on)
		if received > get_datetime(before.creation if before else now_datetime()):
			# a complaint is registered once received: it cannot be received later than that
			frappe.throw(_("A complaint cannot be received after it was registered."), ComplaintError)
		if (
			before
			and before.accepted_on
			and self.has_value_changed("received_on")
			and not self.flags.correcting_received_on
		):
			frappe.throw(
				_(
					"The complaint is accepted, so when it was received is fixed; the supervisor corrects it with a reason."
				),
				ComplaintError,
			)

	def set_deadlines(self):
		"""IN-4 acceptance and HN-3 reply, from the settings in force when the complaint was received,
		in the estate's working time when it keeps a service calendar. When the received time changes,
		a deadline already missed stays as it was."""
		if self.acceptance_due and not self.has_value_changed("received_on"):
			return
		settings = get_settings()
		received_on = get_datetime(self.received_on)
		calendar = estate_calendar(self.estate, received_on)  # None: calendar time
		now = now_datetime()
		for due_field, met_field, due in (
			(
				"acceptance_due",
				"accepted_on",
				deadlines.acceptance_due(received_on, settings.acceptance_hours, calendar),
			),
			("reply_due", "replied_on", deadlines.reply_due(received_on, settings.reply_days, calendar)),
		):
			stored = self.get(due_field) and get_datetime(self.get(due_field))
			met = self.get(met_field) and get_datetime(self.get(met_field))
			if self.is_new() or not deadlines.is_missed(stored, met, now):
				self.set(due_field, due)
			else:
				self.flags.deadlines_kept = [*(self.flags.deadlines_kept or []), due_field]

	def record_received_on_correction(self):
		if not (self.flags.correcting_received_on and self.has_value_changed("received_on")):
			return
		self.append(
			"received_on_corrections",
			{
				"previous_received_on": self.get_doc_before_save().received_on,
				"received_on": self.received_on,
				"reason": self.flags.correcting_received_on,
				"corrected_by": frappe.session.user,
				"corrected_on": now_datetime(),
				"deadlines_kept": ", ".join(
					_(self.meta.get_label(field)) for field in self.flags.deadlines_kept or ()
				),
			},
		)

	def follow_escalation_state(self):
		"""The workflow's "Escalate to …" moves the complaint to that level (the level is the app's field,
		so the controller sets it from the state the workflow allowed)."""
		level = complaint_states.LEVEL_BY_ESCALATED_STATE.get(self.status)
		if level and get_ladder().rank(level) > get_ladder().rank(self.escalation_level):
			self.escalation_level = level

	def apply_major_rule(self):
		"""Major complaints go straight to the level the company names for them (ES-2), important ones
		likewise where it names one (IN-5, seed 003: the office director)."""
		ladder = get_ladder()
		level = ladder.required_level(self.classification, self.escalation_level)
		if level != self.escalation_level:
			self.escalation_level = level
			self.escalation_reason = _("{0} complaint: it goes straight to {1}.").format(
				_(self.classification), level_name(level, ladder)
			)

	def record_escalation(self):
		"""Every move up the ladder is recorded with who, when, why and to whom (ES-1, ES-2)."""
		before = self.get_doc_before_save()
		previous_level = before.escalation_level if before else escalation.FRONT_DESK
		ladder = get_ladder()
		if ladder.rank(self.escalation_level) <= ladder.rank(previous_level):
			return
		if not (self.escalation_reason or "").strip():
			frappe.throw(
				_("Write the reason for escalating in 'Reason for Escalating' first, then escalate."),
				EscalationError,
			)
		decider = self.decider_at(self.escalation_level)
		self.append(
			"escalations",
			{
				"from_level": previous_level,
				"to_level": self.escalation_level,
				"to_level_name": level_name(self.escalation_level, ladder),
				"escalated_by": frappe.session.user,
				"escalated_on": now_datetime(),
				"assigned_to": decider,
				"reason": self.escalation_reason,
			},
		)
		self.escalation_reason = None
		self.flags.escalated_to = decider

	def decider_at(self, level: str) -> str:
		field = escalation.DECIDER_FIELD[level]
		decider = frappe.db.get_value("Estate", self.estate, field)
		if not decider:
			frappe.throw(
				_("Estate {0} has no {1}: set one on the estate before escalating.").format(
					frappe.bold(self.estate), _(escalation.ROLE_BY_LEVEL[level])
				),
				EscalationError,
			)
		return decider

	def route_suggestion(self):
		"""IN-6: a suggestion is reported to the office director, who adopts it or not."""
		if (
			self.validity == "Suggestion"
			and not self.suggestion_decision
			and self.has_value_changed("validity")
		):
			self.flags.suggestion_to = self.decider_at("Director")

	def record_suggestion_decision(self):
		if self.validity != "Suggestion" or not self.has_value_changed("suggestion_decision"):
			return
		if self.suggestion_decision and "Office Director" not in frappe.get_roles():
			frappe.throw(
				_("Only the office director adopts or rejects a suggestion."), frappe.PermissionError
			)
		self.suggestion_decided_by = frappe.session.user if self.suggestion_decision else None

	def validate_resident_view_from_visit(self):
		"""RV-7: the resident's view is what the return visit recorded, nothing typed in beside it."""
		if (
			self.has_value_changed("resident_satisfied")
			and self.resident_satisfied
			and not self.flags.from_return_visit
		):
			frappe.throw(_("Record the resident's view on the complaint's return visit."), ResolutionError)

	def record_status_change(self):
		if not self.has_value_changed("status"):
			return
		if self.status == "Accepted":
			self.accepted_on = now_datetime()
		elif self.status == "Resolved":
			self.validate_resolution()
			self.resolved_on = now_datetime()
			self.resolved_by = frappe.session.user
			self.resolved_level = self.escalation_level
		elif self.status == "Reopened":
			self.reopen_count = (self.reopen_count or 0) + 1
		elif self.status == "In Handling" and self.get_doc_before_save().status == "Reopened":
			# a new round: the next return visit records the resident's view afresh (RV-7)
			self.resident_satisfied = None

	def validate_resolution(self):
		for fieldname in resolution.missing_for_resolution(self.validity, self.as_dict()):
			frappe.throw(str(RESOLUTION_FIELD_MESSAGES[fieldname]), ResolutionError)
		self.validate_answer_ready()
		# IN-11: resolving sends the written answer, unless it was sent already
		self.final_answered_on = self.final_answered_on or now_datetime()

	def validate_answer_ready(self):
		"""IN-8 … IN-10: the steps its validity needs are taken; HN-5: every team's notice is done."""
		for step in investigation.missing_steps(self.validity, self.as_dict()):
			frappe.throw(str(STEP_MESSAGES[step]), ResolutionError)
		notices = frappe.get_all(
			"Handling Notice",
			filters={"complaint": self.name},
			fields=["name", "status"],
			order_by="notice_no asc",
		)
		still_open = investigation.open_notices([(notice.name, notice.status) for notice in notices])
		if still_open:
			frappe.throw(
				_(
					"The complainant is answered only when every team's handling notice is done: {0} still open."
				).format(", ".join(still_open)),
				ResolutionError,
				title=_("Handling notices still open"),
			)

	def record_steps(self):
		"""IN-8, IN-9, IN-10: each step is recorded in order, with who and when."""
		step_fields = [field for fields in investigation.STEP_FIELDS.values() for field in fields]
		if any(self.has_value_changed(field) for field in step_fields):
			skipped = investigation.step_out_of_order(self.validity, self.as_dict())
			if skipped:
				frappe.throw(str(STEP_MESSAGES[skipped]), ComplaintError)
		if self.has_value_changed("facts_verified"):
			self.verified_by = frappe.session.user if self.facts_verified else None
			self.verified_on = now_datetime() if self.facts_verified else None
		if not self.investigated_by and self.service_team and self.status != "Registered":
			# IN-9: the head of the department complained about investigates, unless someone else is named
			self.investigated_by = frappe.get_cached_value("Service Team", self.service_team, "head")
		if not self.investigated_on and investigation.step_done(investigation.INVESTIGATION, self.as_dict()):
			self.investigated_on = now_datetime()
		if self.decision and not self.appeal_procedure:
			self.appeal_procedure = get_settings().appeal_procedure
		if not self.decision_agreed_on and investigation.step_done(investigation.DECISION, self.as_dict()):
			self.decision_agreed_on = now_datetime()
		if self.has_value_changed("complainant_opinion") and self.complainant_opinion:
			if not self.final_answered_on:
				frappe.throw(
					_("The complainant's opinion is on the written answer: send the answer first."),
					ComplaintError,
				)
			self.complainant_opinion_on = now_datetime()

	def set_final_answer_due(self):
		"""IN-11: the written final answer is due a number of days after acceptance (an urgent complaint,
		working days); a deadline already missed stays as it was."""
		if not self.accepted_on:
			return
		if self.final_answer_due and not (
			self.has_value_changed("is_urgent") or self.has_value_changed("accepted_on")
		):
			return
		stored = self.final_answer_due and get_datetime(self.final_answer_due)
		met = self.final_answered_on and get_datetime(self.final_answered_on)
		if not stored or not deadlines.is_missed(stored, met, now_datetime()):
			self.final_answer_due = self.compute_final_answer_due()

	def compute_final_answer_due(self):
		settings = get_settings()
		accepted_on = get_datetime(self.accepted_on)
		return deadlines.final_answer_due(
			accepted_on,
			bool(self.is_urgent),
			settings.final_answer_days,
			settings.urgent_final_answer_working_days,
			estate_calendar(self.estate, accepted_on),
		)

	def assign_escalation(self):
		if not self.flags.escalated_to:
			return
		latest = self.escalations[-1]
		add_assignment(
			{
				"assign_to": [self.flags.escalated_to],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Escalated to you: {0}").format(latest.reason),
			}
		)
		self.flags.escalated_to = None

	def schedule_return_visit(self):
		"""RV-1, RV-2, ES-4: every resolved complaint is visited the same day, by whoever resolved it;
		a valid one by the service-centre manager in person."""
		if not (self.has_value_changed("status") and self.status == "Resolved"):
			return
		centre_manager = frappe.db.get_value("Estate", self.estate, "service_centre_manager")
		in_person = self.validity == "Valid" and centre_manager
		schedule_visit(
			self,
			visit_kind="Complaint",
			due_on=visits.complaint_visit_due(
				get_datetime(self.resolved_on), get_settings().complaint_visit_days
			),
			visitor=centre_manager if in_person else self.resolved_by,
			visitor_role="Service Centre Manager"
			if in_person
			else escalation.ROLE_BY_LEVEL[self.resolved_level],
			method="In Person" if in_person else "Phone",
		)

	def on_return_visit(self, visit):
		"""RV-7: the resident's view from the visit closes the complaint or reopens it."""
		if self.status not in ("Resolved", "Return Visit"):
			return
		self.resident_satisfied = visit.satisfied
		self.visit_notes = visit.opinions
		# the visitor records the resident's view; writing it on the complaint is the office's rule
		self.flags.ignore_permissions = True
		self.flags.from_return_visit = True
		self.save()
		if self.status == "Resolved":
			move_case(self, "Return Visit")
			self.reload()
		if self.status == "Return Visit":
			move_case(self, "Closed" if visit.satisfied == "Satisfied" else "Reopened")

	def send_suggestion_to_director(self):
		if not self.flags.suggestion_to:
			return
		add_assignment(
			{
				"assign_to": [self.flags.suggestion_to],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Suggestion to adopt or reject: {0}").format(self.summary),
			}
		)
		self.flags.suggestion_to = None

	@frappe.whitelist()
	def pause(self, reason: str | None = None):
		"""Stop the clock while the complaint waits on the resident."""
		self.check_permission("write")
		if self.status not in complaint_states.UNRESOLVED:
			frappe.throw(_("Only an unresolved complaint's clock is paused."))
		save_with_app_change(self, pause_clock(self, reason))

	@frappe.whitelist()
	def resume(self):
		"""Start the clock again; the acceptance and reply deadlines not met yet move on."""
		self.check_permission("write")
		save_with_app_change(
			self,
			resume_clock(
				self,
				(
					("acceptance_due", "accepted_on"),
					("reply_due", "replied_on"),
					("final_answer_due", "final_answered_on"),
				),
				estate_calendar(self.estate, now_datetime()),
			),
		)

	@frappe.whitelist()
	def record_told(self):
		"""HN-3: the complainant has just been told the remedial measures; the time is the app's, so it
		ends the reply deadline's watch as it happened, never earlier."""
		self.check_permission("write")
		if self.replied_on:
			frappe.throw(_("When the complainant was told is recorded already."), ComplaintError)
		if self.status not in complaint_states.IN_HAND:
			frappe.throw(
				_("Accept the complaint before recording that the complainant was told."), ComplaintError
			)
		save_with_app_change(self, lambda: self.set("replied_on", now_datetime()))

	@frappe.whitelist()
	def record_final_answer(self):
		"""IN-10, IN-11: the written answer has just been sent to the complainant; the time is the app's.
		The answer needs what the validity requires and every team's notice done (HN-5)."""
		self.check_permission("write")
		if self.final_answered_on:
			frappe.throw(_("The written final answer is recorded already."), ComplaintError)
		if self.status not in complaint_states.IN_HAND:
			frappe.throw(_("Accept the complaint before sending the written answer."), ComplaintError)
		for fieldname in resolution.missing_for_resolution(self.validity, self.as_dict()):
			if fieldname != "handling_result":
				frappe.throw(str(RESOLUTION_FIELD_MESSAGES[fieldname]), ResolutionError)
		self.validate_answer_ready()
		save_with_app_change(self, lambda: self.set("final_answered_on", now_datetime()))

	@frappe.whitelist()
	def correct_received_on(self, received_on: str, reason: str):
		"""The supervisor corrects when an accepted complaint was received, with the reason; the
		correction is recorded and moves only the deadlines not missed yet."""
		self.check_permission("write")
		if not set(frappe.get_roles()) & set(RECEIVED_ON_CORRECTORS):
			frappe.throw(
				_("Only the customer service supervisor corrects when a complaint was received."),
				frappe.PermissionError,
			)
		if not (reason or "").strip():
			frappe.throw(_("Give the reason for correcting when the complaint was received."), ComplaintError)
		try:
			corrected = get_datetime(received_on)
		except Exception:
			corrected = None
		if corrected is None:
			frappe.throw(_("Give the corrected time the complaint was received."), ComplaintError)
		if corrected > now_datetime():
			frappe.throw(_("A complaint cannot be received in the future."), ComplaintError)
		if corrected == get_datetime(self.received_on):
			frappe.throw(_("That is the received time already recorded."), ComplaintError)
		self.received_on = corrected
		self.flags.correcting_received_on = reason.strip()
		self.save()


def on_doctype_update():
	# what lists, reports and the deadline sweeps filter on
	frappe.db.add_index("Complaint Register", ["status", "acceptance_due"])
	frappe.db.add_index("Complaint Register", ["status", "reply_due"])
	frappe.db.add_index("Complaint Register", ["replied_on", "reply_due"])
	frappe.db.add_index("Complaint Register", ["status", "final_answer_due"])
	frappe.db.add_index("Complaint Register", ["estate", "received_on"])
	frappe.db.add_index("Complaint Register", ["resident"])
	frappe.db.add_index("Complaint Register", ["status", "received_on"])
	# the reports: the effective complaint rate, and the same problem recurring at a place (RC-2, RV-10)
	frappe.db.add_index("Complaint Register", ["validity", "received_on", "estate"])
	for place in ("property_unit", "building", "resident"):
		frappe.db.add_index("Complaint Register", [place, "category", "received_on"])
