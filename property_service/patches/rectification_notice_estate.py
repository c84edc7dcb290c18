"""RV-7: the deadline sweep watches a rectification notice and escalates it within its estate, and the
technician reads where to go and whom to call on it; notices made before take their work order's."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabRectification Notice` notice
		join `tabRepair Work Order` repair on repair.name = notice.repair_work_order
		set notice.estate = coalesce(notice.estate, repair.estate),
			notice.property_unit = coalesce(notice.property_unit, repair.property_unit),
			notice.contact_phone = coalesce(notice.contact_phone, repair.contact_phone)"""
	)
