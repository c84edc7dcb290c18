"""SV-8: the suggestion box is opened every day. A valid complaint on a slip is registered as a
complaint; anything else gets a phone return visit."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime

from property_service.controllers.return_visits import schedule_visit
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)


class SuggestionBoxOpening(Document):
	def validate(self):
		before = self.get_doc_before_save()
		handled = {
			row.name: row for row in (before.slips if before else []) if row.complaint or row.return_visit
		}
		for row in self.slips:
			if (
				row.property_unit
				and frappe.db.get_value("Property Unit", row.property_unit, "estate") != self.estate
			):
				frappe.throw(_("Household {0} is not in estate {1}.").format(row.property_unit, self.estate))
			done = handled.pop(row.name, None)
			if done and (done.outcome != row.outcome or done.slip_text != row.slip_text):
				frappe.throw(_("Slip {0} has been acted on and is kept as it was.").format(row.idx))
		if handled:
			frappe.throw(_("A slip that has been acted on cannot be removed."))

	def on_update(self):
		for row in self.slips:
			if row.outcome == "Valid Complaint" and not row.complaint:
				row.db_set("complaint", self.register_complaint(row))
			elif (
				row.outcome == "Suggestion"
				and not row.return_visit
				and (row.property_unit or row.contact_phone)
			):
				# an unsigned slip without a number cannot be called back
				row.db_set("return_visit", self.schedule_phone_visit(row))

	def register_complaint(self, row) -> str:
		resident = (
			frappe.db.get_value(
				"Resident", {"property_unit": row.property_unit}, ["name", "full_name"], as_dict=True
			)
			if row.property_unit
			else None
		)
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint Register",
				"channel": "Suggestion Box",
				"received_on": self.opened_on,
				"estate": self.estate,
				"property_unit": row.property_unit,
				"resident": resident.name if resident else None,
				"complainant_name": resident.full_name if resident else _("Suggestion box slip"),
				"contact_phone": row.contact_phone,
				"validity": "Valid",
				"summary": row.slip_text[:140],
				"description": row.slip_text,
				"source_document_no": f"{self.name}-{row.idx}",
			}
		)
		complaint.insert()
		return complaint.name

	def schedule_phone_visit(self, row) -> str:
		resident = (
			frappe.db.get_value("Resident", {"property_unit": row.property_unit})
			if row.property_unit
			else None
		)
		visit = schedule_visit(
			self,
			visit_kind="Suggestion",
			due_on=add_days(get_datetime(self.opened_on), get_settings().suggestion_visit_days),
			visitor=self.opened_by,
			visitor_role="Customer Service Assistant",
			method="Phone",
			household=(resident, row.property_unit),
		)
		return visit.name
