import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from property_service.controllers.workflow import move_case
from property_service.exceptions import HandlingNoticeError
from property_service.records import save_with_app_change
from property_service.rules import complaint_states

FINAL_STATES = ("Signed Off", "Withdrawn")


class HandlingNotice(Document):
	def autoname(self):
		"""HN-1: the notice number is the complaint's number and the notice's place on it: CMP-2026-00042-2."""
		# lock the complaint so two notices issued at once cannot take the same number
		reopen_count = frappe.db.get_value(
			"Complaint Register", self.complaint, "reopen_count", for_update=True
		)
		issued = frappe.db.count("Handling Notice", {"complaint": self.complaint})
		# the number and round are the app's fields: set in validate, after Frappe's reset of their level
		self.flags.numbering = {"notice_no": issued + 1, "handling_round": (reopen_count or 0) + 1}
		self.name = f"{self.complaint}-{issued + 1}"

	def validate(self):
		self.validate_unchanged_once_final()
		if self.is_new():
			self.update(self.flags.numbering or {})
			self.validate_complaint_open()
		self.validate_due_date()
		self.record_status_change()

	def after_insert(self):
		self.start_complaint_handling()
		self.assign_team_head()

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Signed Off":
			self.write_result_to_complaint()
		if self.has_value_changed("status") and self.status in FINAL_STATES:
			# the team's part is done (or withdrawn): its to-do closes
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)

	def assign_team_head(self):
		"""HN-2: the notice goes to the responsible team, whose head gets it as a to-do (and the bell)."""
		if not self.team_head:
			return
		add_assignment(
			{
				"assign_to": [self.team_head],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Handling notice {0}: {1}. Complete by {2}.").format(
					self.name, self.summary, frappe.utils.format_datetime(self.due_on, "yyyy-MM-dd HH:mm")
				),
				"date": frappe.utils.getdate(self.due_on),
			},
			ignore_permissions=True,  # issuing the notice, which the assistant may, hands it to the team
		)

	def validate_unchanged_once_final(self):
		before = self.get_doc_before_save()
		if before and before.status in FINAL_STATES:
			frappe.throw(
				_("Handling notice {0} is {1} and kept as it is.").format(self.name, _(before.status)),
				HandlingNoticeError,
			)

	def validate_complaint_open(self):
		complaint = frappe.get_doc("Complaint Register", self.complaint)
		complaint.check_permission("write")
		if complaint.status == "Registered":
			frappe.throw(_("Accept complaint {0} before issuing a handling notice.").format(self.complaint))
		if complaint.status not in complaint_states.IN_HAND:
			frappe.throw(
				_("Complaint {0} is {1}: reopen it before issuing another handling notice.").format(
					self.complaint, _(complaint.status)
				),
				HandlingNoticeError,
			)

	def validate_due_date(self):
		if get_datetime(self.due_on) <= get_datetime(self.issued_on or now_datetime()):
			frappe.throw(_("'Complete By' must be after the notice is issued."), HandlingNoticeError)

	def record_status_change(self):
		if not self.has_value_changed("status"):
			return
		if self.status == "Reported":
			# HN-2: the team records both the remedial and the corrective measures, and the result
			for fieldname, label in (
				("remedial_measures", _("Remedial Measures")),
				("corrective_measures", _("Corrective Measures")),
				("result", _("Result")),
			):
				if not (self.get(fieldname) or "").strip():
					frappe.throw(
						_("Fill in {0} before reporting the result.").format(label), HandlingNoticeError
					)
			self.completed_on = self.completed_on or now_datetime()
			# reporting the result is the team's confirmation too, when nobody pressed Confirm Receipt
			self.confirmed_by = self.confirmed_by or frappe.session.user
			self.confirmed_on = self.confirmed_on or now_datetime()
		elif self.status == "Signed Off":
			# HN-4: the team head signs the result
			self.signed_off_by = frappe.session.user
			self.signed_off_on = now_datetime()

	@frappe.whitelist()
	def confirm_receipt(self):
		"""HN-5: the team the notice went to confirms it has it: its head or one of its members."""
		# the notice as stored: the request may send a whole document (run_doc_method's `docs`), and the
		# save below is the app's, so nothing else the request sent may ride along with it
		self.reload()
		self.check_permission("read")
		if self.status != "Issued":
			frappe.throw(_("Only an issued handling notice is confirmed."), HandlingNoticeError)
		if self.confirmed_on:
			frappe.throw(_("The team has confirmed this notice already."), HandlingNoticeError)
		team = frappe.get_cached_doc("Service Team", self.service_team)
		if frappe.session.user not in {team.head, *(row.user for row in team.members)}:
			frappe.throw(
				_("Only the head or a member of {0} confirms its handling notice.").format(self.service_team),
				frappe.PermissionError,
			)
		user, now = frappe.session.user, now_datetime()

		def confirm():
			self.confirmed_by, self.confirmed_on = user, now

		# the team may not edit the notice's other fields at this step: the confirmation is the app's
		self.flags.ignore_permissions = True
		save_with_app_change(self, confirm)

	def start_complaint_handling(self):
		"""Issuing the first notice of a round puts the complaint in handling."""
		complaint = frappe.get_doc("Complaint Register", self.complaint)
		if complaint.status in ("Accepted", "Reopened"):
			move_case(complaint, "In Handling")

	def write_result_to_complaint(self):
		"""HN-4: the signed result is written into the complaint register."""
		complaint = frappe.get_doc("Complaint Register", self.complaint)
		line = _("{0} ({1}), signed off by {2}: {3}").format(
			self.name, self.service_team, frappe.utils.get_fullname(self.signed_off_by), self.result
		)
		complaint.handling_result = "\n".join(filter(None, [complaint.handling_result, line]))
		# The team head may not edit complaints; signing their own notice, which the workflow
		# allowed only them to do, is what writes its result into the register.
		complaint.flags.ignore_permissions = True
		complaint.save()


def on_doctype_update():
	frappe.db.add_index("Handling Notice", ["complaint"])
	frappe.db.add_index("Handling Notice", ["status", "due_on"])
	frappe.db.add_index("Handling Notice", ["status", "deadline_breached", "due_on"])
