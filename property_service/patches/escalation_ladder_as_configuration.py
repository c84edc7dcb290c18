"""ES-5: the escalation ladder became configuration. A site from before keeps today's ladder, written
into Property Service Settings as the company's (assistant → supervisor → property manager → office
director, major complaints to the property manager, important ones where they are), so nothing changes
until the company changes it; each escalation recorded before keeps the name its level had then (the
level's own, in the site's language). Running it again changes nothing."""

import frappe
from frappe import _

from property_service.controllers import escalation_ladder
from property_service.controllers.settings import SETTINGS
from property_service.rules import escalation


def execute():
	frappe.reload_doc("property_service", "doctype", "escalation_level")
	frappe.reload_doc("property_service", "doctype", "property_service_settings")
	escalation_ladder.keep_default_ladder()
	if not frappe.db.get_single_value(SETTINGS, "major_complaint_level"):
		frappe.db.set_single_value(SETTINGS, "major_complaint_level", escalation.DEFAULT_MAJOR_LEVEL)
	name_recorded_levels()
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def name_recorded_levels():
	lang = frappe.db.get_default("lang") or "en"
	row = frappe.qb.DocType("Complaint Escalation")
	for level in escalation.LEVELS:
		(
			frappe.qb.update(row)
			.set(row.to_level_name, _(level, lang=lang))
			.where(row.to_level == level)
			.where(row.to_level_name.isnull())
			.run()
		)
