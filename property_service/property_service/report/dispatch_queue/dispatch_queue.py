"""WO-2, WO-7: the work orders still to be handed to a technician or acknowledged, emergencies first."""

import frappe
from frappe import _
from frappe.query_builder import DocType, Order
from frappe.utils import get_datetime, now_datetime


def execute(filters=None):
	filters = frappe._dict(filters or {})
	order = DocType("Repair Work Order")
	waiting = (order.status == "Requested") | (
		(order.status == "Dispatched") & order.acknowledged_on.isnull()
	)
	if filters.estate:
		waiting &= order.estate == filters.estate
	rows = (
		frappe.qb.from_(order)
		.select(
			order.name,
			order.is_emergency,
			order.status,
			order.property_unit,
			order.resident_name,
			order.problem,
			order.requested_on,
			order.dispatch_due,
			order.appointment_time,
			order.technician,
		)
		.where(waiting)
		.orderby(order.is_emergency, order=Order.desc)
		.orderby(order.dispatch_due)
		.run(as_dict=True)
	)
	now = now_datetime()
	for row in rows:
		row.minutes_left = int((get_datetime(row.dispatch_due) - now).total_seconds() // 60)
	columns = [
		{
			"fieldname": "name",
			"label": _("Repair Work Order"),
			"fieldtype": "Link",
			"options": "Repair Work Order",
			"width": 150,
		},
		{"fieldname": "is_emergency", "label": _("Emergency"), "fieldtype": "Check", "width": 90},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "minutes_left",
			"label": _("Minutes to Dispatch Due"),
			"fieldtype": "Int",
			"width": 150,
		},
		{
			"fieldname": "property_unit",
			"label": _("Property Unit"),
			"fieldtype": "Link",
			"options": "Property Unit",
			"width": 160,
		},
		{"fieldname": "resident_name", "label": _("Resident Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "problem", "label": _("What Is Broken"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "appointment_time",
			"label": _("Appointment Time"),
			"fieldtype": "Datetime",
			"width": 150,
		},
		{
			"fieldname": "technician",
			"label": _("Technician"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]
	summary = [
		{"label": _("Waiting"), "value": len(rows), "datatype": "Int"},
		{
			"label": _("Emergencies"),
			"value": sum(r.is_emergency for r in rows),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Past Dispatch Due"),
			"value": sum(r.minutes_left < 0 for r in rows),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
	return columns, rows, None, None, summary
