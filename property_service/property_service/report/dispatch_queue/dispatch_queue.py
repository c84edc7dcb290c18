"""WO-2, WO-7: the work orders still to be handed to a technician or acknowledged, emergencies first."""

import frappe
from frappe import _
from frappe.query_builder import DocType, Order
from frappe.utils import get_datetime, now_datetime


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_data(filters) -> list[frappe._dict]:
	"""The orders waiting for dispatch or acknowledgement, emergencies first, then by dispatch deadline."""
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
		row.time_left = time_left(row.minutes_left)
		row.status = _(row.status)  # the workflow state as the form shows it
		# the person, not their account's address
		row.technician_name = row.technician and frappe.utils.get_fullname(row.technician)
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Repair Work Order"),
			"fieldtype": "Link",
			"options": "Repair Work Order",
			"width": 170,
		},
		{"fieldname": "is_emergency", "label": _("Emergency"), "fieldtype": "Check", "width": 90},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "time_left", "label": _("Dispatch Due"), "fieldtype": "Data", "width": 130},
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
			"width": 170,
		},
		{"fieldname": "technician_name", "label": _("Technician"), "fieldtype": "Data", "width": 110},
	]


def get_summary(data) -> list[dict]:
	return [
		{"label": _("Waiting"), "value": len(data), "datatype": "Int"},
		{
			"label": _("Emergencies"),
			"value": sum(r.is_emergency for r in data),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Past Dispatch Due"),
			"value": sum(r.minutes_left < 0 for r in data),
			"datatype": "Int",
			"indicator": "Red",
		},
	]


def time_left(minutes: int) -> str:
	"""How long until the dispatch deadline, or how long past it, in the unit a person would use."""
	late, minutes = minutes < 0, abs(minutes)
	if minutes < 120:
		amount = _("{0} min").format(minutes)
	elif minutes < 48 * 60:
		amount = _("{0} h").format(minutes // 60)
	else:
		amount = _("{0} days").format(minutes // (24 * 60))
	return _("{0} late").format(amount) if late else _("{0} left").format(amount)
