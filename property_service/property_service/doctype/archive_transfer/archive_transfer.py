"""IN-14: each complaint's archive holds the complaint, the investigation report, the decision and the
result; the office hands closed complaints to the archive periodically, and the hand-over is recorded.

An Archive Transfer lists the closed complaints handed over (each with the documents of its file), who
handed them over, the archivist who received them and when. Submitted, it is kept as handed over (RE-1:
nothing is deleted, not the transfer, not the complaints) and each complaint shows the transfer it went
into (Archived In, Archived On)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import getdate

CLOSED = "Closed"


class ArchiveTransferError(frappe.ValidationError):
	pass


class ArchiveTransfer(Document):
	def validate(self):
		self.validate_date()
		self.validate_complaints()
		self.describe_files()
		self.complaint_count = len(self.complaints)

	def on_submit(self):
		self.mark_complaints_archived()

	def before_update_after_submit(self):
		self.refuse_change()

	def before_cancel(self):
		self.refuse_change()

	def validate_date(self):
		if getdate(self.transferred_on) > getdate():
			frappe.throw(_("A hand-over to the archive cannot be dated in the future."), ArchiveTransferError)

	def validate_complaints(self):
		"""Only closed complaints of the estate, each once, and none already handed to the archive."""
		seen = set()
		for row in self.complaints:
			if row.complaint in seen:
				frappe.throw(
					_("Complaint {0} is listed twice.").format(frappe.bold(row.complaint)),
					ArchiveTransferError,
				)
			seen.add(row.complaint)
			status, estate, archived_in = frappe.db.get_value(
				"Complaint Register", row.complaint, ("status", "estate", "archived_in")
			)
			if status != CLOSED:
				frappe.throw(
					_("Complaint {0} is {1}: only closed complaints are handed to the archive.").format(
						frappe.bold(row.complaint), _(status)
					),
					ArchiveTransferError,
				)
			if estate != self.estate:
				frappe.throw(
					_("Complaint {0} is not of estate {1}.").format(row.complaint, self.estate),
					ArchiveTransferError,
				)
			if archived_in and archived_in != self.name:
				frappe.throw(
					_("Complaint {0} was already handed to the archive in {1}.").format(
						frappe.bold(row.complaint), archived_in
					),
					ArchiveTransferError,
				)

	def describe_files(self):
		"""What each complaint's file holds: the register entry (the complaint, its investigation, decision
		and result), its handling notices and its return visits, by number."""
		for row in self.complaints:
			notices = frappe.get_all(
				"Handling Notice", filters={"complaint": row.complaint}, pluck="name", order_by="name"
			)
			visits = frappe.get_all(
				"Return Visit",
				filters={"reference_doctype": "Complaint Register", "reference_name": row.complaint},
				pluck="name",
				order_by="name",
			)
			parts = [_("Complaint register entry with its investigation, decision and result")]
			if notices:
				parts.append(_("Handling notices: {0}").format(", ".join(notices)))
			if visits:
				parts.append(_("Return visits: {0}").format(", ".join(visits)))
			row.documents = "\n".join(parts)

	def mark_complaints_archived(self):
		"""Each complaint shows the transfer it went into; a comment in its history says so."""
		for row in self.complaints:
			frappe.db.set_value(
				"Complaint Register",
				row.complaint,
				{"archived_in": self.name, "archived_on": self.transferred_on},
				update_modified=False,
			)
			frappe.get_doc("Complaint Register", row.complaint).add_comment(
				"Info", _("Handed to the archive in {0} on {1}.").format(self.name, self.transferred_on)
			)

	def refuse_change(self):
		frappe.throw(
			_("Archive transfer {0} is handed over and kept as it was: it cannot be changed.").format(
				self.name
			),
			ArchiveTransferError,
		)


@frappe.whitelist()
def closed_complaints_not_archived(estate: str, received_before: str | None = None) -> list[dict]:
	"""The estate's closed complaints not yet handed to the archive, oldest first, for a new transfer."""
	frappe.has_permission("Archive Transfer", "create", throw=True)
	complaint = DocType("Complaint Register")
	query = (
		frappe.qb.from_(complaint)
		.select(
			complaint.name.as_("complaint"), complaint.summary, complaint.received_on, complaint.resolved_on
		)
		.where(
			(complaint.estate == estate)
			& (complaint.status == CLOSED)
			& (complaint.archived_in.isnull() | (complaint.archived_in == ""))
		)
		.orderby(complaint.received_on)
	)
	if received_before:
		query = query.where(complaint.received_on < getdate(received_before))
	return query.run(as_dict=True)
