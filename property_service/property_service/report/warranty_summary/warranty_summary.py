"""WO-6: in-warranty defects sent to the developer, where each stands, and how long the developer took."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, date_diff, get_first_day, getdate, now_datetime


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_data(filters) -> list[frappe._dict]:
	"""The sheets sent in the period (the last year by default), in the order they were sent."""
	from_date = getdate(filters.from_date or get_first_day(add_days(getdate(), -365)))
	to_date = getdate(filters.to_date or getdate())
	sheet, order = DocType("Work Contact Sheet"), DocType("Repair Work Order")
	query = (
		frappe.qb.from_(sheet)
		.join(order)
		.on(order.name == sheet.repair_work_order)
		.select(
			sheet.name,
			sheet.repair_work_order,
			order.property_unit,
			sheet.works_type,
			sheet.developer_department,
			sheet.status,
			sheet.sent_on,
			sheet.received_on,
			sheet.receiver_name,
			sheet.repaired_on,
			order.status.as_("order_status"),
			order.resident_satisfied,
			sheet.defects,
		)
		.where((sheet.sent_on >= from_date) & (sheet.sent_on < add_days(to_date, 1)))
		.orderby(sheet.sent_on)
	)
	if filters.estate:
		query = query.where(sheet.estate == filters.estate)
	if filters.works_type:
		query = query.where(sheet.works_type == filters.works_type)
	rows = query.run(as_dict=True)
	today = now_datetime()
	for row in rows:
		row.days_to_repair = date_diff(row.repaired_on or today, row.sent_on)
		# the Select fields' stored English, as the form shows them
		for field in ("works_type", "developer_department", "status", "resident_satisfied"):
			row[field] = _(row[field]) if row[field] else row[field]
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Work Contact Sheet"),
			"fieldtype": "Link",
			"options": "Work Contact Sheet",
			"width": 150,
		},
		{
			"fieldname": "repair_work_order",
			"label": _("Repair Work Order"),
			"fieldtype": "Link",
			"options": "Repair Work Order",
			"width": 170,
		},
		{
			"fieldname": "property_unit",
			"label": _("Property Unit"),
			"fieldtype": "Link",
			"options": "Property Unit",
			"width": 170,
		},
		{"fieldname": "works_type", "label": _("Works"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "developer_department",
			"label": _("Developer's Department"),
			"fieldtype": "Data",
			"width": 150,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "sent_on", "label": _("Sent On"), "fieldtype": "Datetime", "width": 170},
		{"fieldname": "receiver_name", "label": _("Received By"), "fieldtype": "Data", "width": 140},
		{"fieldname": "repaired_on", "label": _("Repaired On"), "fieldtype": "Datetime", "width": 170},
		{"fieldname": "days_to_repair", "label": _("Days to Repair"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "resident_satisfied",
			"label": _("Resident Satisfied"),
			"fieldtype": "Data",
			"width": 120,
		},
		{"fieldname": "defects", "label": _("Defects"), "fieldtype": "Data", "width": 240},
	]


def get_summary(data) -> list[dict]:
	repaired = [row for row in data if row.repaired_on]
	return [
		{"label": _("Sent to the Developer"), "value": len(data), "datatype": "Int"},
		{
			"label": _("Not Yet Repaired"),
			"value": len(data) - len(repaired),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Average Days to Repair"),
			"value": round(sum(r.days_to_repair for r in repaired) / len(repaired), 1) if repaired else None,
			"datatype": "Float",
		},
	]


def get_chart(data) -> dict:
	"""The sheets by works type."""
	by_works = {}
	for row in data:
		by_works[row.works_type] = by_works.get(row.works_type, 0) + 1
	return {
		"data": {
			"labels": list(by_works),
			"datasets": [{"name": _("Sent to the Developer"), "values": list(by_works.values())}],
		},
		"type": "pie",
	}
