"""IN-7: a key resident is contacted at their frequency, and every contact is logged. Each contact is a
record: planned (To Contact, due by the last contact plus the frequency) and recorded when made; then
the next one is planned. The sweep watches the planned ones like any other deadline."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, today

from property_service.controllers.settings import get_settings
from property_service.rules import relations

TO_CONTACT, CONTACTED, NO_LONGER_KEY = "To Contact", "Contacted", "No Longer Key"


class KeyResidentContactError(frappe.ValidationError):
	pass


class KeyResidentContact(Document):
	def validate(self):
		self.validate_key_resident()
		if self.is_new():
			self.validate_one_planned()
			self.plan()
		self.record_contact()

	def validate_key_resident(self):
		if self.is_new() and not frappe.db.get_value("Resident", self.resident, "is_key_resident"):
			frappe.throw(
				_("{0} is not a key resident: mark them as one first.").format(
					self.full_name or self.resident
				),
				KeyResidentContactError,
			)

	def validate_one_planned(self):
		planned = frappe.db.get_value(
			"Key Resident Contact", {"resident": self.resident, "status": TO_CONTACT}
		)
		if planned:
			frappe.throw(
				_("The contact {0} with {1} is planned already: record the contact there.").format(
					planned, self.full_name or self.resident
				),
				KeyResidentContactError,
			)

	def plan(self):
		"""Due by the last contact plus the resident's frequency (from today for a first one); kept in
		touch by whom the resident's record names, else the estate's service-centre manager."""
		resident = frappe.db.get_value(
			"Resident", self.resident, ["contact_every_days", "kept_in_touch_by", "estate"], as_dict=True
		)
		last = last_contact(self.resident)
		self.due_on = relations.next_contact_due(getdate(last or today()), contact_every(resident))
		self.status = TO_CONTACT
		self.escalation_level = "Assistant"
		self.contacted_by = (
			self.contacted_by
			or resident.kept_in_touch_by
			or frappe.db.get_value("Estate", resident.estate, "service_centre_manager")
		)

	def record_contact(self):
		if self.status == NO_LONGER_KEY:
			return
		if not self.contacted_on:
			if self.status == CONTACTED:
				frappe.throw(_("A contact made keeps the time it was made."), KeyResidentContactError)
			return
		if get_datetime(self.contacted_on) > now_datetime():
			frappe.throw(_("A contact cannot be recorded before it is made."), KeyResidentContactError)
		if not self.method:
			frappe.throw(_("Record how the resident was contacted."), KeyResidentContactError)
		self.status = CONTACTED

	def on_update(self):
		if self.status == CONTACTED and self.has_value_changed("status"):
			plan_next_contact(self.resident)
		refresh_resident(self.resident)


def contact_every(resident) -> int:
	days = resident.contact_every_days or get_settings().key_resident_contact_days
	if not days:
		frappe.throw(_("Set how often key residents are contacted in Property Service Settings."))
	return days


def last_contact(resident: str):
	return frappe.db.get_value(
		"Key Resident Contact",
		{"resident": resident, "status": CONTACTED},
		"contacted_on",
		order_by="contacted_on desc",
	)


def plan_next_contact(resident: str) -> str | None:
	"""The key resident's next contact, unless one is planned already; returns its name."""
	if not frappe.db.get_value("Resident", resident, "is_key_resident"):
		return None
	if planned := frappe.db.get_value("Key Resident Contact", {"resident": resident, "status": TO_CONTACT}):
		return planned
	contact = frappe.get_doc({"doctype": "Key Resident Contact", "resident": resident})
	contact.insert(ignore_permissions=True)  # planned by the app, whoever recorded the last one
	return contact.name


def refresh_resident(resident: str):
	"""The resident's last contact and next contact due, from their contacts."""
	last = last_contact(resident)
	frappe.db.set_value(
		"Resident",
		resident,
		{
			"last_contacted_on": getdate(last) if last else None,
			"next_contact_due": frappe.db.get_value(
				"Key Resident Contact", {"resident": resident, "status": TO_CONTACT}, "due_on"
			),
		},
		update_modified=False,
	)


def on_resident_update(resident):
	"""A resident marked key gets their first contact planned; one no longer key keeps their log, and the
	contact still planned is closed as No Longer Key."""
	if resident.is_key_resident:
		plan_next_contact(resident.name)
	else:
		for name in frappe.get_all(
			"Key Resident Contact", filters={"resident": resident.name, "status": TO_CONTACT}, pluck="name"
		):
			frappe.db.set_value("Key Resident Contact", name, "status", NO_LONGER_KEY)
	refresh_resident(resident.name)
