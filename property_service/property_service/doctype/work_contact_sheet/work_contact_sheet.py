import frappe
from frappe import _, _lt
from frappe.model.document import Document
from frappe.utils import now_datetime

from property_service.exceptions import RepairWorkOrderError

# WO-6: company-built works go to the developer's production-safety department,
# subcontracted works to its technical-quality / engineering department
DEVELOPER_DEPARTMENT = {
	"Company-Built Works": _lt("Production Safety Department"),
	"Subcontracted Works": _lt("Technical Quality / Engineering Department"),
}


class WorkContactSheet(Document):
	def validate(self):
		self.developer_department = str(DEVELOPER_DEPARTMENT[self.works_type])
		if self.is_new():
			self.validate_order_in_warranty()
		self.set_status()

	def after_insert(self):
		frappe.db.set_value("Repair Work Order", self.repair_work_order, "work_contact_sheet", self.name)

	def validate_order_in_warranty(self):
		order = frappe.get_doc("Repair Work Order", self.repair_work_order)
		order.check_permission("write")
		if order.warranty_status != "In Warranty":
			frappe.throw(_("Only an in-warranty defect goes to the developer."), RepairWorkOrderError)
		if order.work_contact_sheet:
			frappe.throw(
				_("Work order {0} already has work contact sheet {1}.").format(
					order.name, order.work_contact_sheet
				),
				RepairWorkOrderError,
			)

	def set_status(self):
		"""Sent, then received (the receiver signs), then repaired by the developer."""
		if self.repaired_on and not self.received_on:
			frappe.throw(_("The developer's receiver signs for the sheet before the repair is recorded."))
		if self.received_on and not (self.receiver_name or "").strip():
			frappe.throw(_("Record who received the sheet for the developer."))
		if self.status == "Closed":
			return
		self.status = (
			"Repaired" if self.repaired_on else "Received by Developer" if self.received_on else "Sent"
		)
		self.sent_on = self.sent_on or now_datetime()
