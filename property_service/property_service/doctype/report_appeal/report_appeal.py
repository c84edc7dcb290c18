"""IN-13: an appeal in writing against an inspection, test or measurement report the company issued.

Lodged within the settings' days of receiving the report (a later one is refused); the quality lead directs
it; a re-inspection uses the original sample under a code, tested by two people; the written result is due
within the settings' days of acceptance (an urgent appeal: working days), and the report is upheld, or
voided and a corrected one issued and named here.

Workflow "Report Appeal Handling": Lodged → Under Review → Answered (the written result sent; the appeal is
submitted and kept as sent, RE-1). The result's deadline is watched by the deadline sweep."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime

from property_service.controllers.settings import get_settings
from property_service.property_service.doctype.service_calendar.service_calendar import estate_calendar
from property_service.rules import report_appeals

LODGED, UNDER_REVIEW, ANSWERED = "Lodged", "Under Review", "Answered"
VOIDED = "Voided and Reissued"


class ReportAppealError(frappe.ValidationError):
	pass


class ReportAppeal(Document):
	def validate(self):
		self.validate_dates()
		self.refuse_late_appeal()
		self.validate_complaint()
		self.set_result_due()
		self.validate_reinspection()

	def before_submit(self):
		self.send_result()

	def before_update_after_submit(self):
		self.refuse_change()

	def before_cancel(self):
		self.refuse_change()

	def validate_dates(self):
		today = getdate()
		if getdate(self.report_received_on) > today or getdate(self.lodged_on) > today:
			frappe.throw(
				_("The report's receipt and the appeal cannot be dated in the future."), ReportAppealError
			)
		if getdate(self.lodged_on) < getdate(self.report_received_on):
			frappe.throw(_("An appeal is lodged after the report was received."), ReportAppealError)
		if self.report_issued_on and getdate(self.report_issued_on) > getdate(self.report_received_on):
			frappe.throw(_("A report is received after it was issued."), ReportAppealError)
		if get_datetime(self.accepted_on) > now_datetime():
			frappe.throw(_("An appeal cannot be accepted in the future."), ReportAppealError)

	def refuse_late_appeal(self):
		"""Only an appeal lodged in writing within the settings' days of receiving the report is accepted."""
		appeal_days = get_settings().appeal_lodge_days
		self.days_after_receipt = report_appeals.days_after_receipt(
			getdate(self.report_received_on), getdate(self.lodged_on)
		)
		if self.is_new() and not report_appeals.lodged_in_time(
			getdate(self.report_received_on), getdate(self.lodged_on), appeal_days
		):
			frappe.throw(
				_(
					"The appeal was lodged {0} days after the report was received: an appeal against a report is accepted within {1} days of receiving it."
				).format(self.days_after_receipt, appeal_days),
				ReportAppealError,
				title=_("Appeal too late"),
			)

	def validate_complaint(self):
		if self.complaint:
			estate = frappe.db.get_value("Complaint Register", self.complaint, "estate")
			if estate != self.estate:
				frappe.throw(
					_("Complaint {0} is not of estate {1}.").format(self.complaint, self.estate),
					ReportAppealError,
				)

	def set_result_due(self):
		"""The written result is due within the settings' days of acceptance; an urgent appeal within the
		settings' working days (the estate's service calendar, else weekdays)."""
		if self.result_due and not self.is_new():
			return
		settings = get_settings()
		accepted_on = get_datetime(self.accepted_on)
		self.result_due = report_appeals.result_due(
			accepted_on,
			bool(self.is_urgent),
			settings.appeal_result_days,
			settings.appeal_urgent_working_days,
			estate_calendar(self.estate, accepted_on),
		)

	def validate_reinspection(self):
		"""A re-inspection tests the original sample under its code, by two different people; a new sample
		is taken only for a reason (the sampling or its transport was at fault)."""
		if not self.reinspection_needed:
			return
		missing = [
			_(self.meta.get_label(fieldname))
			for fieldname in ("original_sample", "sample_code", "inspector_1", "inspector_2")
			+ (("resample_reason",) if self.resampled else ())
			if not (self.get(fieldname) or "").strip()
		]
		if missing:
			frappe.throw(_("A re-inspection records: {0}.").format(", ".join(missing)), ReportAppealError)
		if self.inspector_1 == self.inspector_2:
			frappe.throw(_("Two different people test the sample in a re-inspection."), ReportAppealError)

	def send_result(self):
		"""The written result: the outcome, its text, and for a voided report the corrected one and who
		authorised it; a re-inspection done as the rules say."""
		if self.status != ANSWERED:
			frappe.throw(
				_("The appeal is answered through its workflow: Send Written Result."), ReportAppealError
			)
		missing = [
			label
			for fieldname, label in (
				("outcome", "Appeal Outcome"),
				("result_text", "Written Result to the Appellant"),
				*(
					(("reinspected_on", "Re-inspected On"), ("reinspection_result", "Re-inspection Result"))
					if self.reinspection_needed
					else ()
				),
				*(
					(
						("corrected_report_reference", "Corrected Report No."),
						("authorised_by", "Authorised Signatory"),
					)
					if self.outcome == VOIDED
					else ()
				),
			)
			if not str(self.get(fieldname) or "").strip()
		]
		if missing:
			frappe.throw(
				_("Before the written result is sent, fill in: {0}.").format(
					", ".join(_(label) for label in missing)
				),
				ReportAppealError,
			)
		self.answered_on = now_datetime()
		self.answered_by = frappe.session.user
		# late when sent after its deadline, or once the sweep found it overdue
		self.answered_late = int(
			self.answered_on > get_datetime(self.result_due) or bool(self.deadline_breached)
		)

	def refuse_change(self):
		frappe.throw(
			_("Appeal {0} is answered and kept as the result was sent.").format(self.name), ReportAppealError
		)


def on_doctype_update():
	frappe.db.add_index("Report Appeal", ["status", "result_due"])
