"""RV-7: the deadline sweep watches a rectification notice and escalates it within its estate, which the
notice now records; notices made before take their work order's."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabRectification Notice` notice
		join `tabRepair Work Order` repair on repair.name = notice.repair_work_order
		set notice.estate = repair.estate
		where notice.estate is null"""
	)
