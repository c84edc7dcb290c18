"""RC-4: the Monthly Complaint Summary on a real site, each figure against a count made independently of
the report, and the form code and company name its print template reads."""

import frappe
import frappe.desk.query_report
import pytest
from frappe.utils import add_months, get_first_day, getdate, now_datetime

from property_service.printing import boot_session
from tests.integration.factories import (
	act,
	complete_notice,
	ensure_estate,
	issue_notice,
	make_complaint,
	record_visit,
)

REPORT = "Monthly Complaint Summary"


@pytest.fixture(scope="module")
def estate():
	return ensure_estate(
		"月报测试小区 Summary Estate",
		{"7栋": [("701", "周三", "13900007701"), ("702", "吴四", "13900007702")]},
	)


def complaint(estate, **values):
	base = frappe._dict(residents=estate.residents, category=estate.category)
	return make_complaint(base, **values)


def run(user="supervisor@ps.test", **filters):
	frappe.set_user(user)
	try:
		return frappe._dict(frappe.desk.query_report.run(REPORT, filters=filters))
	finally:
		frappe.set_user("Administrator")


def rows(result, key):
	return {row["item"]: frappe._dict(row) for row in result.result if row["key"] == key}


def this_month():
	today = getdate()
	return {"year": today.year, "month": today.month}


def received_in(estate, month_start, **filters):
	end = add_months(month_start, 1)
	return frappe.db.count(
		"Complaint Register",
		{
			"estate": estate.estate,
			"received_on": ("between", [f"{month_start} 00:00:00", f"{end} 00:00:00"]),
			**filters,
		},
	)


def test_the_month_is_counted_by_channel_against_the_previous_month(estate):  # rule RC-4
	complaint(estate, channel="Telephone")
	complaint(estate, channel="Telephone", resident=estate.residents[1])
	complaint(estate, channel="Walk-in", validity="Not Company Fault")
	complaint(estate, channel="Telephone", received_on=add_months(now_datetime(), -1))
	result = run(estate=estate.estate, **this_month())

	first = getdate(get_first_day(getdate()))
	previous = getdate(add_months(first, -1))
	overview = rows(result, "received")[frappe._("Complaints Received")]
	assert overview.this_month == received_in(estate, first) >= 3
	assert overview.previous_month == received_in(estate, previous) >= 1
	assert overview.change == overview.this_month - overview.previous_month

	channels = rows(result, "channel")
	telephone = channels[frappe._("Telephone")]
	assert telephone.this_month == received_in(estate, first, channel="Telephone")
	assert telephone.previous_month == received_in(estate, previous, channel="Telephone")
	assert telephone.this_rate == round(100 * telephone.this_month / overview.this_month, 1)
	assert channels[frappe._("Walk-in")].this_month == received_in(estate, first, channel="Walk-in")
	validity = rows(result, "validity")
	assert validity[frappe._("Not Company Fault")].this_month == received_in(
		estate, first, validity="Not Company Fault"
	)
	for key in ("category", "classification", "estate", "service_team"):
		assert sum(row.this_month for row in rows(result, key).values()) == overview.this_month
	assert str(overview.this_month) in result.message and result.chart["data"]["labels"]


def test_resolved_in_time_and_satisfaction_come_from_the_month_s_resolutions_and_visits(estate):
	case = act(complaint(estate), "Accept", "assistant@ps.test")
	complete_notice(issue_notice(case))
	case = act(case, "Resolve", "assistant@ps.test")
	case = act(case, "Start Return Visit", "assistant@ps.test")
	record_visit(case, "Satisfied", "满意")
	result = run(estate=estate.estate, **this_month())
	overview = {
		row["key"]: frappe._dict(row) for row in result.result if row["section"] == frappe._("Overview")
	}
	first = getdate(get_first_day(getdate()))
	resolved = frappe.db.count(
		"Complaint Register",
		{"estate": estate.estate, "resolved_on": (">=", f"{first} 00:00:00")},
	)
	in_time = frappe.db.count(
		"Complaint Register",
		{"estate": estate.estate, "resolved_on": (">=", f"{first} 00:00:00"), "deadline_breached": 0},
	)
	assert overview["resolved"].this_month == resolved >= 1
	assert overview["resolved_in_time"].this_month == in_time
	assert overview["resolved_in_time"].this_rate == round(100 * in_time / resolved, 1)
	assert overview["visits"].this_month >= 1
	assert overview["satisfied"].this_rate == round(
		100 * overview["satisfied"].this_month / overview["visits"].this_month, 1
	)


def test_without_a_month_it_reports_the_month_just_ended_and_refuses_a_month_that_is_none(estate):
	result = run(estate=estate.estate)
	previous = getdate(add_months(get_first_day(getdate()), -1))
	overview = rows(result, "received")[frappe._("Complaints Received")]
	assert overview.this_month == received_in(estate, previous)
	with pytest.raises(frappe.ValidationError):
		run(estate=estate.estate, year=2026, month=13)


def test_the_company_s_staff_run_it_a_service_team_does_not(estate):
	run("assistant@ps.test", estate=estate.estate, **this_month())
	run("gm@ps.test", estate=estate.estate, **this_month())
	with pytest.raises(frappe.PermissionError):
		run("member@ps.test", estate=estate.estate, **this_month())


def test_the_print_template_reads_the_form_code_and_the_company(estate):  # rule RE-2
	settings = frappe.get_single("Property Service Settings")
	assert settings.form_code_monthly_complaint_summary == "J-65"  # seed 002's default
	frappe.set_user("supervisor@ps.test")
	try:
		bootinfo = frappe._dict()
		boot_session(bootinfo)
	finally:
		frappe.set_user("Administrator")
	forms = bootinfo.property_service_forms
	assert forms["codes"]["Monthly Complaint Summary"] == "J-65"
	assert forms["codes"]["Complaint Register Entry"] == "J-82"
	assert forms["company_name"] == (settings.company_name or "")
	template = frappe.get_app_path(
		"property_service",
		"property_service",
		"report",
		"monthly_complaint_summary",
		"monthly_complaint_summary.html",
	)
	html = open(template).read()
	assert 'forms.codes["Monthly Complaint Summary"]' in html and "用户投诉汇总报告" in html
