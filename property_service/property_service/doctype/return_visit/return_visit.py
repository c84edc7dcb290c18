from datetime import date, timedelta

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import add_days, cint, get_datetime, getdate, now_datetime

from property_service.exceptions import ReturnVisitError
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules import escalation, visits

# the cases the office visits (RV-1, RV-3, SV-6, SV-8, RC-3)
VISITED_DOCTYPES = (
	"Complaint Register",
	"Repair Work Order",
	"Decoration Completion",
	"Survey Corrective Action",
	"Suggestion Box Opening",
	"Meeting Action",
)
# what may still change on a completed visit: the answer to a question promised during it (RV-8)
EDITABLE_AFTER_COMPLETION = {"promised_reply_done_on", "modified", "modified_by"}


class ReturnVisit(Document):
	def validate(self):
		if self.reference_doctype not in VISITED_DOCTYPES:
			frappe.throw(
				_(
					"A return visit follows a complaint, a work order, a decoration, a corrective action or a suggestion, not a {0}."
				).format(_(self.reference_doctype))
			)
		if self.is_new():
			# a late visit goes to the person above whoever was to make it (ES-3)
			self.escalation_level = escalation.level_of_role(self.visitor_role)
		self.validate_due_on_fixed()
		self.validate_promised_reply_done_on()
		self.validate_unchanged_once_completed()
		self.validate_visited_on()
		self.validate_method()
		self.validate_after_the_trial_run()
		self.complete_when_the_resident_answers()
		self.set_record_due()

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Completed":
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
			self.send_rectification_notice()
			self.report_to_the_case()

	def validate_due_on_fixed(self):
		"""When a visit is due follows from its case by rule (RV-1, RV-3, RV-4); nobody moves it later."""
		if not self.is_new() and self.has_value_changed("due_on"):
			frappe.throw(_("When a return visit is due is set by the rules and kept."), ReturnVisitError)

	def validate_promised_reply_done_on(self):
		"""RV-8: the promised answer is given after the visit and by now, and recorded once."""
		if not self.promised_reply_done_on:
			return
		done = get_datetime(self.promised_reply_done_on)
		if done > now_datetime() or (self.completed_on and done < get_datetime(self.completed_on)):
			frappe.throw(_("The promised answer is given between the visit and now."), ReturnVisitError)
		before = self.get_doc_before_save()
		if before and before.promised_reply_done_on and self.has_value_changed("promised_reply_done_on"):
			frappe.throw(_("When the promised answer was given is recorded already."), ReturnVisitError)

	def validate_unchanged_once_completed(self):
		before = self.get_doc_before_save()
		if not before or before.status != "Completed":
			return
		changed = {
			df.fieldname
			for df in self.meta.fields
			if df.fieldname not in EDITABLE_AFTER_COMPLETION
			and before.get(df.fieldname) != self.get(df.fieldname)
		}
		if changed:
			frappe.throw(
				_("Return visit {0} is completed and kept as recorded.").format(self.name), ReturnVisitError
			)

	def validate_visited_on(self):
		"""RV-9: a visit recorded on a later day says when it was made, by whom, and not ahead of now."""
		if not self.visited_on:
			return
		if get_datetime(self.visited_on) > now_datetime():
			frappe.throw(
				_("A visit is recorded once it has been made: 'Visited On' is not later than now."),
				ReturnVisitError,
			)
		self.visitor = self.visitor or frappe.session.user

	def validate_method(self):
		"""RV-6: a visit by e-mail writes to the resident's address."""
		if self.method == visits.EMAIL and self.status == "To Visit" and not self.resident_email:
			frappe.throw(
				_("The resident has no e-mail address: visit them another way or record their address."),
				ReturnVisitError,
			)

	def validate_after_the_trial_run(self):
		"""RV-13: a repair is visited once the repaired item's trial run has passed."""
		if not self.visit_from or self.status != "To Visit":
			return
		made = self.visited_on or (now_datetime() if self.satisfied else None)
		if made and get_datetime(made) < get_datetime(self.visit_from):
			frappe.throw(
				_("The repaired item is on its trial run until {0}: visit the resident after that.").format(
					frappe.utils.format_datetime(self.visit_from, "yyyy-MM-dd HH:mm")
				),
				ReturnVisitError,
			)

	def set_record_due(self):
		"""RV-9: the record is completed the same day as the visit or the days after it the settings
		allow; one completed after that day is marked late (a record still open then is marked by
		`controllers.reminders.mark_late_visit_records`)."""
		before = self.get_doc_before_save()
		if before and before.status == "Completed":
			return  # kept as recorded
		if self.status == "Completed" and not self.visited_on:
			self.visited_on = self.completed_on  # recorded as the visit was made
		if not self.visited_on:
			self.record_due_on = None
			return
		self.record_due_on = record_due(self.visited_on)
		if self.status == "Completed" and getdate(self.completed_on) > getdate(self.record_due_on):
			self.record_late = 1

	def complete_when_the_resident_answers(self):
		"""RV-6: the resident's view completes the visit; in person, they sign."""
		if self.status != "To Visit" or not self.satisfied:
			return
		if self.method == "In Person" and not self.resident_signature:
			frappe.throw(_("A visit in person is signed by the resident."), ReturnVisitError)
		self.visitor = self.visitor or frappe.session.user
		self.status = "Completed"
		self.completed_on = now_datetime()

	def send_rectification_notice(self):
		"""RV-7: problems found on a repair visit go in writing to the technician."""
		if not (self.problems_found or "").strip() or self.reference_doctype != "Repair Work Order":
			return
		technician = frappe.db.get_value("Repair Work Order", self.reference_name, "technician")
		if not technician:
			return
		hours = get_settings().rectification_notice_hours
		notice = frappe.get_doc(
			{
				"doctype": "Rectification Notice",
				"return_visit": self.name,
				"repair_work_order": self.reference_name,
				"technician": technician,
				"problem": self.problems_found,
				"estate": self.estate,
				"due_on": get_datetime(self.completed_on) + timedelta(hours=hours),
			}
		)
		# the visitor reports; the notice is the office's, whoever the visitor is
		notice.insert(ignore_permissions=True)
		add_assignment(
			{
				"assign_to": [technician],
				"doctype": notice.doctype,
				"name": notice.name,
				"description": _("Rectify by {0}: {1}").format(
					frappe.utils.format_datetime(notice.due_on, "yyyy-MM-dd HH:mm"), self.problems_found
				),
				"date": getdate(notice.due_on),
			},
			ignore_permissions=True,
		)

	def report_to_the_case(self):
		case = frappe.get_doc(self.reference_doctype, self.reference_name)
		if hasattr(case, "on_return_visit"):
			case.on_return_visit(self)


def record_due(visited_on) -> date:
	"""RV-9: the last day the record of a visit made at `visited_on` may be completed."""
	return add_days(getdate(visited_on), cint(get_settings().visit_record_days))


def on_doctype_update():
	frappe.db.add_index("Return Visit", ["reference_doctype", "reference_name"])
	# the third column makes each index cover a report's query (Return Visit Coverage's role quotas,
	# Key Figures' handling rate): a year of visits is counted from the index, not row by row
	frappe.db.add_index("Return Visit", ["status", "due_on", "visitor_role"])
	frappe.db.add_index("Return Visit", ["estate", "due_on", "status"])
	# the narrower (status, due_on) and (estate, due_on) these replace: patches/return_visit_covering_indexes
	frappe.db.add_index("Return Visit", ["promised_reply_done_on", "promised_reply_on"])
