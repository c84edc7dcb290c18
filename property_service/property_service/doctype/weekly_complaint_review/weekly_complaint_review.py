"""RC-1: each week the assistant submits the week's complaint and return-visit records to the supervisor,
who reviews, comments and signs them off; a signed week is archived.

Workflow "Weekly Complaint Review Sign-off": Drafted → Submitted to Supervisor (the assistant) → Signed
(the supervisor, with a review comment), or sent back to Drafted for rework. Signing submits the
document (docstatus 1): from then on nobody changes it, cancels it or deletes it (RE-1).
"""

from datetime import date, datetime, time, timedelta

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import get_datetime, getdate, now_datetime

from property_service.property_service.report.period import in_period
from property_service.records import save_with_app_change

DRAFTED, SUBMITTED, SIGNED = "Drafted", "Submitted to Supervisor", "Signed"
SUPERVISOR = "Customer Service Supervisor"


class WeeklyReviewError(frappe.ValidationError):
	pass


def week_of(day: date) -> tuple[date, date]:
	"""The Monday-to-Sunday week that holds `day`."""
	monday = day - timedelta(days=day.weekday())
	return monday, monday + timedelta(days=6)


class WeeklyComplaintReview(Document):
	def autoname(self):
		self.set_week()
		self.name = f"WCR-{self.estate}-{self.week_start}"

	def before_insert(self):
		self.set_week()
		self.refuse_second_review()

	def validate(self):
		self.set_week()
		if self.is_new():
			self.prepared_by = frappe.session.user
			self.gather()
		self.count()
		self.validate_review_comment()
		self.record_status_change()

	def before_submit(self):
		self.sign()

	def before_update_after_submit(self):
		self.refuse_change()

	def before_cancel(self):
		self.refuse_change()

	def set_week(self):
		self.week_start, self.week_end = week_of(getdate(self.week_start))

	def refuse_second_review(self):
		if getdate(self.week_start) > getdate():
			frappe.throw(_("The week of {0} has not begun yet.").format(self.week_start), WeeklyReviewError)
		existing = frappe.db.exists(self.doctype, {"estate": self.estate, "week_start": self.week_start})
		if existing:
			frappe.throw(
				_("The week of {0} at {1} is already under review: {2}.").format(
					self.week_start, self.estate, existing
				),
				WeeklyReviewError,
			)

	def period(self) -> tuple[datetime, datetime]:
		"""The week as [Monday 00:00, next Monday 00:00)."""
		start = datetime.combine(getdate(self.week_start), time.min)
		return start, start + timedelta(days=7)

	def gather(self):
		"""The week's complaints (received or resolved in it, or not closed yet) and return visits (due or
		completed in it, or overdue and still waiting), each as it stands now."""
		start, end = self.period()
		self.set("complaints", [])
		for row in week_complaints(self.estate, start, end):
			self.append("complaints", row)
		self.set("visits", [])
		now = now_datetime()
		for row in week_visits(self.estate, start, end):
			done_by = row.completed_on or (now if row.status == "To Visit" else None)
			row.on_time = int(bool(done_by) and get_datetime(done_by) <= get_datetime(row.due_on))
			self.append("visits", row)
		self.gathered_on = now

	@frappe.whitelist()
	def gather_records(self):
		"""Gather the week's records again, while the assistant still holds the review."""
		self.check_permission("write")
		if self.docstatus != 0 or self.status != DRAFTED:
			frappe.throw(_("Only a review the assistant still holds is gathered again."), WeeklyReviewError)
		save_with_app_change(self, self.gather)

	def count(self):
		"""The headline figures, from the rows as gathered."""
		start, end = self.period()

		def in_week(moment) -> bool:
			return bool(moment) and start <= get_datetime(moment) < end

		complaints, visits = self.complaints, self.visits
		self.complaints_received = sum(in_week(row.received_on) for row in complaints)
		self.complaints_resolved = sum(in_week(row.resolved_on) for row in complaints)
		self.complaints_not_closed = sum(row.status != "Closed" for row in complaints)
		self.valid_complaints = sum(
			in_week(row.received_on) and row.validity == "Valid" for row in complaints
		)
		self.major_complaints = sum(row.classification == "Major" for row in complaints)
		self.visits_due = sum(in_week(row.due_on) for row in visits)
		self.visits_completed = sum(in_week(row.completed_on) for row in visits)
		self.visits_late = sum(not row.on_time for row in visits)
		self.residents_not_satisfied = sum(
			in_week(row.completed_on) and row.satisfied == "Not Satisfied" for row in visits
		)

	def validate_review_comment(self):
		"""The review comment is the supervisor's to write."""
		before = self.get_doc_before_save()
		changed = (self.review_comment or "") != ((before.review_comment if before else None) or "")
		if changed and SUPERVISOR not in frappe.get_roles():
			frappe.throw(
				_("Only the customer service supervisor writes the review comment."), WeeklyReviewError
			)

	def record_status_change(self):
		if self.has_value_changed("status") and self.status == SUBMITTED:
			self.submitted_on = now_datetime()

	def sign(self):
		"""Only the supervisor's signature on a submitted week, with the review comment, archives it."""
		before = self.get_doc_before_save()
		if not before or before.status != SUBMITTED:
			frappe.throw(
				_("The assistant submits the week to the supervisor before it is signed."), WeeklyReviewError
			)
		if not (self.review_comment or "").strip():
			frappe.throw(
				_("Write the supervisor's review comment before signing the week."), WeeklyReviewError
			)
		self.status = SIGNED
		self.signed_by = frappe.session.user
		self.signed_on = now_datetime()

	def refuse_change(self):
		frappe.throw(
			_("Week {0} is signed and archived: it cannot be changed.").format(self.name), WeeklyReviewError
		)


def week_complaints(estate: str, start: datetime, end: datetime) -> list[frappe._dict]:
	complaint = DocType("Complaint Register")

	return (
		frappe.qb.from_(complaint)
		.select(
			complaint.name.as_("complaint"),
			complaint.received_on,
			complaint.summary,
			complaint.category,
			complaint.service_team,
			complaint.status,
			complaint.classification,
			complaint.validity,
			complaint.resolved_on,
			complaint.resident_satisfied,
		)
		.where(
			(complaint.estate == estate)
			& (complaint.received_on < end)
			& (
				in_period(complaint.received_on, start, end)
				| in_period(complaint.resolved_on, start, end)
				| (complaint.status != "Closed")
			)
		)
		.orderby(complaint.received_on)
		.run(as_dict=True)
	)


def week_visits(estate: str, start: datetime, end: datetime) -> list[frappe._dict]:
	visit = DocType("Return Visit")

	return (
		frappe.qb.from_(visit)
		.select(
			visit.name.as_("return_visit"),
			visit.visit_kind,
			visit.reference_name,
			visit.property_unit,
			visit.due_on,
			visit.status,
			visit.completed_on,
			visit.method,
			visit.visitor,
			visit.satisfied,
		)
		.where(
			(visit.estate == estate)
			& (
				in_period(visit.due_on, start, end)
				| in_period(visit.completed_on, start, end)
				| ((visit.status == "To Visit") & (visit.due_on < start))
			)
		)
		.orderby(visit.due_on)
		.run(as_dict=True)
	)


def on_doctype_update():
	frappe.db.add_index("Weekly Complaint Review", ["estate", "week_start"])
