"""IN-12: a valid complaint that caused the resident an economic loss is compensated as negotiated, and the
agreement is recorded: the loss, the amount and its basis, with whom it was agreed, who approved it and
when it was paid.

Workflow "Compensation Approval": Drafted → Awaiting Approval (sent by the front desk) → Approved (by the
level the amount requires, or above: Property Service Settings → Compensation; approving submits the
agreement, so its amount and basis are fixed) → Paid (the payment recorded). Sent back, it returns to
Drafted. Nothing is deleted or cancelled (RE-1)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, now_datetime

from property_service.controllers.settings import get_settings
from property_service.integrations import erpnext
from property_service.rules import compensation

DRAFTED, AWAITING, APPROVED, PAID = "Drafted", "Awaiting Approval", "Approved", "Paid"
# what was agreed with the resident, as the approver approves it
AGREED_FIELDS = ("amount", "loss_description", "basis", "negotiated_with", "agreed_on")


class CompensationError(frappe.ValidationError):
	pass


class CompensationAgreement(Document):
	def validate(self):
		self.validate_complaint()
		self.validate_amount()
		self.keep_what_was_sent()
		self.set_approver_role()
		self.set_negotiator()
		self.record_status_change()

	def onload(self):
		erpnext.compensation_onload(self)  # where ERPNext is on the site

	def before_submit(self):
		self.approve()

	def before_update_after_submit(self):
		self.record_payment()

	def before_cancel(self):
		frappe.throw(
			_("Compensation agreement {0} is approved and kept: it cannot be cancelled.").format(self.name),
			CompensationError,
		)

	def validate_complaint(self):
		"""Only a valid complaint is compensated: one about the company's own management or service."""
		validity = frappe.db.get_value("Complaint Register", self.complaint, "validity")
		if validity != "Valid":
			frappe.throw(
				_(
					"Complaint {0} is not a valid complaint: compensation is agreed only for a valid complaint that caused the resident a loss."
				).format(frappe.bold(self.complaint)),
				CompensationError,
			)

	def validate_amount(self):
		if flt(self.amount) <= 0:
			frappe.throw(_("The compensation amount must be more than zero."), CompensationError)
		if self.agreed_on and getdate(self.agreed_on) > getdate():
			frappe.throw(_("The agreement cannot be dated in the future."), CompensationError)

	def keep_what_was_sent(self):
		"""What the approver is asked to approve stays as sent: changed, it goes back to the front desk."""
		before = self.get_doc_before_save()
		if not before or before.status == DRAFTED or self.status == DRAFTED:
			return
		changed = [
			_(self.meta.get_label(fieldname))
			for fieldname in AGREED_FIELDS
			if str(self.get(fieldname) or "") != str(before.get(fieldname) or "")
		]
		if changed:
			frappe.throw(
				_("{0} cannot change once sent for approval: send the agreement back to change it.").format(
					", ".join(changed)
				),
				CompensationError,
			)

	def set_approver_role(self):
		settings = get_settings()
		self.approver_role = compensation.approver_role(
			flt(self.amount),
			flt(settings.compensation_supervisor_limit),
			flt(settings.compensation_manager_limit),
		)

	def set_negotiator(self):
		if self.is_new() or not self.negotiated_by:
			self.negotiated_by = frappe.session.user

	def record_status_change(self):
		if self.has_value_changed("status") and self.status == AWAITING:
			self.sent_for_approval_on = now_datetime()

	def approve(self):
		"""The approval submits the agreement: only from Awaiting Approval, and only by the level the
		amount requires or one above."""
		if self.status != APPROVED or (self.get_doc_before_save() or self).status != AWAITING:
			frappe.throw(
				_("Send the agreement for approval first; the approver then approves it."), CompensationError
			)
		if not compensation.may_approve(frappe.get_roles(), self.approver_role):
			frappe.throw(
				_("An amount of {0} is approved by the {1} or a level above.").format(
					frappe.format_value(self.amount, {"fieldtype": "Currency"}), _(self.approver_role)
				),
				CompensationError,
			)
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()

	def record_payment(self):
		"""After approval only the payment is recorded, once, and it needs the day it was paid."""
		before = self.get_doc_before_save()
		if before and before.status == PAID:
			frappe.throw(
				_("Compensation agreement {0} is paid and kept as recorded.").format(self.name),
				CompensationError,
			)
		if self.status not in (APPROVED, PAID):
			frappe.throw(_("An approved agreement stays approved."), CompensationError)
		if self.status != PAID:
			return
		if not self.paid_on:
			frappe.throw(_("Record the day the compensation was paid."), CompensationError)
		if getdate(self.paid_on) > getdate() or getdate(self.paid_on) < getdate(self.approved_on):
			frappe.throw(
				_("The compensation is paid after its approval and not later than today."), CompensationError
			)
		self.payment_recorded_by = frappe.session.user

	@frappe.whitelist()
	def make_journal_entry(self) -> str:
		"""With ERPNext on the site: a draft Journal Entry paying the approved compensation."""
		return erpnext.make_compensation_entry(self)


def on_doctype_update():
	frappe.db.add_index("Compensation Agreement", ["complaint", "status"])
