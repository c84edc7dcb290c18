"""Complaints counted by channel, category, classification, validity, team, estate or month (RC-2), with
the compensation approved or paid for them (IN-12). A service team member sees only their teams'
complaints."""

import frappe
from frappe import _
from frappe.query_builder import Case, CustomFunction, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.permissions import sees_only_own_teams, teams_of
from property_service.property_service.report.period import in_period, percent, report_period
from property_service.rules.complaint_states import UNRESOLVED

DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
GROUP_FIELDS = {
	"Category": "category",
	"Channel": "channel",
	"Classification": "classification",
	"Validity": "validity",
	"Team": "service_team",
	"Estate": "estate",
}
TRANSLATED_GROUPS = {"Channel", "Classification", "Validity"}
# the compensation agreements counted: approved at their level, paid or not yet
COMPENSATED = ("Approved", "Paid")


def execute(filters=None):
	filters, start, end = report_period(filters)
	group_by = filters.group_by if filters.group_by in (*GROUP_FIELDS, "Month") else "Category"
	data = get_data(filters, group_by, start, end)
	return get_columns(group_by), data, None, get_chart(data, group_by), get_summary(data)


def get_data(filters, group_by: str, start, end) -> list[frappe._dict]:
	"""The complaints of the period by group, each group's share of them, the largest groups first (by
	month in time order)."""
	complaint = DocType("Complaint Register")
	condition = in_period(complaint.received_on, start, end)
	if filters.estate:
		condition &= complaint.estate == filters.estate
	if sees_only_own_teams(frappe.session.user):
		teams = teams_of(frappe.session.user)
		condition &= complaint.service_team.isin(teams or [""])
	group = (
		DateFormat(complaint.received_on, "%Y-%m")
		if group_by == "Month"
		else complaint[GROUP_FIELDS[group_by]]
	)
	compensation = compensation_by_group(complaint, condition, group)
	rows = (
		frappe.qb.from_(complaint)
		.select(
			group.as_("group_value"),
			Count("*").as_("complaints"),
			counting(complaint.validity == "Valid").as_("valid"),
			counting(complaint.classification == "Major").as_("major"),
			counting(complaint.status.isin(UNRESOLVED)).as_("unresolved"),
			counting(complaint.reopen_count > 0).as_("reopened"),
		)
		.where(condition)
		.groupby(group)
		.run(as_dict=True)
	)
	rows.sort(key=lambda row: (row.group_value or "") if group_by == "Month" else -row.complaints)
	total = sum(row.complaints for row in rows)
	for row in rows:
		value = row.group_value
		row.group_value = (_(value) if group_by in TRANSLATED_GROUPS else value) if value else _("Not Set")
		row.share = percent(row.complaints, total)
		for field in ("valid", "major", "unresolved", "reopened"):
			row[field] = int(row[field] or 0)
		row.compensated, row.compensation_amount = compensation.get(value, (0, 0.0))
	return rows


def compensation_by_group(complaint, condition, group) -> dict:
	"""Per group: the agreements approved or paid for its complaints (IN-12), and their amount."""
	agreement = DocType("Compensation Agreement")
	rows = (
		frappe.qb.from_(agreement)
		.join(complaint)
		.on(agreement.complaint == complaint.name)
		.select(group.as_("group_value"), Count("*").as_("agreements"), Sum(agreement.amount).as_("amount"))
		.where(condition & agreement.status.isin(COMPENSATED))
		.groupby(group)
		.run(as_dict=True)
	)
	return {row.group_value: (int(row.agreements), float(row.amount or 0)) for row in rows}


def counting(criterion):
	"""How many of the complaints counted meet the criterion."""
	return Sum(Case().when(criterion, 1).else_(0))


def get_columns(group_by: str) -> list[dict]:
	return [
		{"fieldname": "group_value", "label": _(group_by), "fieldtype": "Data", "width": 200},
		{"fieldname": "complaints", "label": _("Complaints"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "share",
			"label": _("Share of Complaints"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 90,
		},
		{"fieldname": "valid", "label": _("Valid"), "fieldtype": "Int", "width": 90},
		{"fieldname": "major", "label": _("Major"), "fieldtype": "Int", "width": 90},
		{"fieldname": "unresolved", "label": _("Unresolved"), "fieldtype": "Int", "width": 110},
		{"fieldname": "reopened", "label": _("Reopened"), "fieldtype": "Int", "width": 100},
		{"fieldname": "compensated", "label": _("Compensation Agreements"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "compensation_amount",
			"label": _("Compensation Amount"),
			"fieldtype": "Currency",
			"width": 120,
		},
	]


def get_chart(data, group_by: str) -> dict:
	return {
		"data": {
			"labels": [row.group_value for row in data[:20]],
			"datasets": [{"name": _("Complaints"), "values": [row.complaints for row in data[:20]]}],
		},
		"type": "line" if group_by == "Month" else "bar",
	}


def get_summary(data) -> list[dict]:
	return [
		{
			"label": _("Complaints"),
			"value": sum(r.complaints for r in data),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"label": _("Valid"), "value": sum(r.valid for r in data), "datatype": "Int", "indicator": "Orange"},
		{"label": _("Major"), "value": sum(r.major for r in data), "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Unresolved"),
			"value": sum(r.unresolved for r in data),
			"datatype": "Int",
			"indicator": "Grey",
		},
		{
			"label": _("Compensation Paid or Approved"),
			"value": sum(r.compensation_amount for r in data),
			"datatype": "Currency",
			"indicator": "Purple",
		},
	]
