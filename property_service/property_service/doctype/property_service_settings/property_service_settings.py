import frappe
from frappe import _
from frappe.model.document import Document


class PropertyServiceSettings(Document):
	def validate(self):
		self.validate_percentages()
		self.validate_ranges()

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
