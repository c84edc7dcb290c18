import frappe
from frappe import _
from frappe.model.document import Document

# each switch in the settings and the standard Notification it turns on or off (the survey's is the
# controller's own email, which reads its switch directly)
# (SMS goes out through Frappe's SMS Settings once the company has set its gateway there)
NOTIFICATION_SWITCHES = {
	"notify_complaint_accepted": ("Complaint Accepted", "Complaint Accepted by SMS"),
	"notify_remedial_measures": ("Complaint Remedial Measures",),
	"notify_complaint_resolved": ("Complaint Resolved", "Complaint Resolved by SMS"),
	"notify_technician_dispatched": ("Technician Dispatched", "Technician Dispatched by SMS"),
	"notify_visit_asks_view": ("Return Visit Asks Your View",),
}


class PropertyServiceSettings(Document):
	def validate(self):
		self.validate_percentages()
		self.validate_ranges()

	def on_update(self):
		apply_notification_switches(self)

	def validate_percentages(self):
		for df in self.meta.fields:
			if df.fieldtype == "Percent" and (self.get(df.fieldname) or 0) > 100:
				frappe.throw(_("{0} cannot be more than 100%.").format(_(df.label)))

	def validate_ranges(self):
		if self.survey_collection_min_days > self.survey_collection_max_days:
			frappe.throw(_("The survey collection window's minimum cannot exceed its maximum."))
		if self.sample_small_below > self.sample_large_above:
			frappe.throw(_("The low-volume threshold cannot exceed the high-volume threshold."))


def get_settings() -> "PropertyServiceSettings":
	return frappe.get_cached_doc("Property Service Settings")


def apply_defaults():
	"""Write the default of every setting not saved yet, so new settings start at DOMAIN.md's numbers."""
	doctype = "Property Service Settings"
	saved = frappe.db.get_singles_dict(doctype)
	missing = {
		df.fieldname: df.default
		for df in frappe.get_meta(doctype).fields
		if df.default is not None and saved.get(df.fieldname) is None
	}
	if missing:
		frappe.db.set_single_value(doctype, missing)


def apply_notification_switches(settings=None):
	"""A Notification's `enabled` is the company's to keep (migrate leaves it alone), so the settings
	set it; a switched-off notification is not evaluated at all."""
	settings = settings or get_settings()
	for field, notifications in NOTIFICATION_SWITCHES.items():
		for notification in notifications:
			if frappe.db.exists("Notification", notification):
				frappe.db.set_value(
					"Notification",
					notification,
					"enabled",
					int(bool(settings.get(field))),
					update_modified=False,
				)
	for doctype in ("Complaint Register", "Repair Work Order", "Return Visit"):
		frappe.cache.hdel("notifications", doctype)
