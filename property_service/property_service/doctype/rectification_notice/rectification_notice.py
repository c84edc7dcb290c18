import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from property_service.exceptions import ReturnVisitError


class RectificationNotice(Document):
	"""RV-7: the written notice to the technician of problems a return visit found, rectified by its due
	time (the settings' 24 hours), which the hourly sweep watches (deadline_sweep.RECTIFICATION_NOTICE_DUE)."""

	def validate(self):
		self.set_estate()
		self.validate_rectified()
		self.validate_kept_once_rectified()

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Rectified":
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)

	def set_estate(self):
		if not self.estate and self.repair_work_order:
			self.estate = frappe.db.get_value("Repair Work Order", self.repair_work_order, "estate")

	def validate_rectified(self):
		if self.status != "Rectified":
			return
		if not ((self.rectification or "").strip() and self.rectified_on):
			frappe.throw(
				_("Record what was done and when before marking the notice rectified."), ReturnVisitError
			)
		if get_datetime(self.rectified_on) > now_datetime() or get_datetime(self.rectified_on) < get_datetime(
			self.creation
		):
			frappe.throw(_("The problem is rectified between the notice and now."), ReturnVisitError)

	def validate_kept_once_rectified(self):
		"""RE-1: what was rectified, and when, stands as recorded."""
		before = self.get_doc_before_save()
		if not before or before.status != "Rectified":
			return
		if any(
			before.get(field) != self.get(field)
			for field in ("status", "rectification", "rectified_on", "problem")
		):
			frappe.throw(
				_("Rectification notice {0} is rectified and kept as recorded.").format(self.name),
				ReturnVisitError,
			)

	@frappe.whitelist()
	def record_rectified(self, rectification: str) -> None:
		"""Rectified Just Now: what was done, rectified as the app's clock says (whatever the phone's)."""
		# the notice as stored: the request may send a whole document (run_doc_method's `docs`), and this
		# records the rectification only, checked against the notice's own state
		self.reload()
		self.check_permission("write")
		if self.status != "Awaiting Rectification":
			frappe.throw(
				_("Rectification notice {0} is rectified already.").format(self.name), ReturnVisitError
			)
		self.rectification = rectification
		self.rectified_on = now_datetime()
		self.status = "Rectified"
		self.save()


def on_doctype_update():
	frappe.db.add_index("Rectification Notice", ["status", "due_on"])
