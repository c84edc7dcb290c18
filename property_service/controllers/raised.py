"""What residents raise outside the register's own channels, on a courtesy visit (RV-11) or at an owner
forum (RC-6), registered as a complaint or a suggestion (IN-1: every complaint is registered, once)."""

import frappe
from frappe import _
from frappe.utils import now_datetime


def register_from(
	doc, text: str, validity: str, channel: str, property_unit=None, resident=None, phone=None
) -> str:
	"""A Complaint Register entry for what a resident raised on a visit or at a forum, received now (when
	the office registers it), its source document the visit or forum; returns its name."""
	resident = resident or (
		frappe.db.get_value("Resident", {"property_unit": property_unit}) if property_unit else None
	)
	person = (
		frappe.db.get_value("Resident", resident, ["full_name", "phone"], as_dict=True) if resident else None
	)
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"channel": channel,
			"received_on": now_datetime(),
			"estate": doc.estate,
			"property_unit": property_unit,
			"resident": resident,
			"complainant_name": person.full_name if person else _("Raised at {0}").format(doc.name),
			"contact_phone": phone or (person.phone if person else None),
			"validity": validity,
			"summary": text[:140],
			"description": text,
			"source_document_no": doc.name,
		}
	)
	complaint.insert()
	return complaint.name
