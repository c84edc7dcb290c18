"""IN-13: an appeal against a report the company issued: lodged in time, re-inspected as the rules say,
answered in writing by its deadline, the report upheld or voided and reissued."""

import frappe
import pytest
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, nowdate

from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.report_appeal.report_appeal import ReportAppealError
from tests.integration.factories import act, edit, ensure_base_data


@pytest.fixture
def base():
	return ensure_base_data()


def new_appeal(base, received_days_ago=3, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Report Appeal",
				"estate": base.estate,
				"appellant_name": "李明",
				"resident": base.residents[0],
				"report_type": "Water Quality Test",
				"report_reference": "WQ-2026-0311",
				"report_received_on": add_days(nowdate(), -received_days_ago),
				"grounds": "二次供水浊度结果与自测不符 Turbidity differs from our own test",
				"quality_lead": "supervisor@ps.test",
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_an_appeal_within_the_days_is_accepted_and_a_later_one_refused(base):
	appeal = new_appeal(base, received_days_ago=10)  # the tenth day still counts
	assert appeal.status == "Lodged" and appeal.days_after_receipt == 10
	with pytest.raises(ReportAppealError) as refused:
		new_appeal(base, received_days_ago=11)
	assert "10" in str(refused.value) and "11" in str(refused.value)
	frappe.db.set_single_value("Property Service Settings", "appeal_lodge_days", 15)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	assert new_appeal(base, received_days_ago=11).days_after_receipt == 11


def test_the_written_result_is_due_in_15_days_or_3_working_days_when_urgent(base):
	accepted = get_datetime("2026-03-06 09:30:00")  # a Friday
	dates = {"report_received_on": "2026-03-02", "lodged_on": "2026-03-06"}
	appeal = new_appeal(base, accepted_on=accepted, **dates)
	assert get_datetime(appeal.result_due) == get_datetime("2026-03-21 09:30:00")
	urgent = new_appeal(base, accepted_on=accepted, is_urgent=1, **dates)
	assert getdate(urgent.result_due) == getdate("2026-03-11")  # Monday, Tuesday, Wednesday


def test_a_reinspection_needs_the_coded_original_sample_and_two_inspectors(base):
	appeal = act(new_appeal(base), "Start Review", "assistant@ps.test")
	with pytest.raises(ReportAppealError, match="Sample Code"):
		edit(appeal, "supervisor@ps.test", reinspection_needed=1, original_sample="S-0311")
	with pytest.raises(ReportAppealError):
		edit(
			appeal,
			"supervisor@ps.test",
			reinspection_needed=1,
			original_sample="S-0311 留样 Retained sample",
			sample_code="X7Q2",
			inspector_1="member@ps.test",
			inspector_2="member@ps.test",
		)


def test_a_voided_report_is_reissued_and_the_result_sent_in_writing(base):
	appeal = act(new_appeal(base), "Start Review", "assistant@ps.test")
	appeal = edit(
		appeal,
		"supervisor@ps.test",
		review_findings="原始记录中稀释倍数抄录有误 The dilution factor was copied wrongly",
		reinspection_needed=1,
		original_sample="S-0311 留样 Retained sample",
		sample_code="X7Q2",
		inspector_1="member@ps.test",
		inspector_2="head@ps.test",
		outcome="Voided and Reissued",
		result_text="原报告作废，重新出具 WQ-2026-0311(g) The report is voided and reissued",
	)
	with pytest.raises(ReportAppealError):  # the re-inspection's day and result, the corrected report
		act(appeal, "Send Written Result", "supervisor@ps.test")
	appeal = edit(
		appeal,
		"supervisor@ps.test",
		reinspected_on=nowdate(),
		reinspection_result="浊度 0.6 NTU，合格 Turbidity 0.6 NTU, within the standard",
		corrected_report_reference="WQ-2026-0311(g)",
		authorised_by="manager@ps.test",
	)
	appeal = act(appeal, "Send Written Result", "supervisor@ps.test")
	assert appeal.status == "Answered" and appeal.docstatus == 1
	assert appeal.answered_by == "supervisor@ps.test" and not appeal.answered_late
	with pytest.raises(frappe.ValidationError):  # kept as sent
		edit(appeal, "supervisor@ps.test", result_text="改过 changed")
	with pytest.raises(frappe.ValidationError):  # neither deleted nor cancelled
		frappe.delete_doc("Report Appeal", appeal.name)
	with pytest.raises(ReportAppealError):
		frappe.get_doc("Report Appeal", appeal.name).cancel()
	lodged = new_appeal(base)
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Report Appeal", lodged.name)

	printed = frappe.get_print(appeal.doctype, appeal.name, print_format="Report Appeal Record")
	assert "报告申诉受理登记表" in printed and "X7Q2" in printed and "WQ-2026-0311(g)" in printed
	assert "作废并重新出具" in printed and "质量负责人签字" in printed and "检验人签字" in printed


def test_an_upheld_report_answered_after_its_deadline_is_marked_late(base):
	appeal = new_appeal(
		base,
		accepted_on=add_to_date(now_datetime(), days=-20),
		received_days_ago=21,
		lodged_on=add_days(nowdate(), -20),
	)
	appeal = act(appeal, "Start Review", "assistant@ps.test")
	appeal = edit(appeal, "supervisor@ps.test", outcome="Upheld", result_text="维持原报告 The report stands")
	appeal = act(appeal, "Send Written Result", "supervisor@ps.test")
	assert appeal.answered_late


def test_a_written_result_not_sent_in_time_goes_to_the_supervisor(base):
	from property_service.deadline_sweep import APPEAL_RESULT_DUE, HOURLY, sweep

	assert APPEAL_RESULT_DUE in HOURLY
	appeal = act(new_appeal(base, is_urgent=1), "Start Review", "assistant@ps.test")
	due = get_datetime(appeal.result_due)
	sweep([APPEAL_RESULT_DUE], now=add_to_date(due, minutes=-1))  # not due yet
	assert not frappe.db.get_value("Report Appeal", appeal.name, "deadline_breached")

	sweep([APPEAL_RESULT_DUE], now=add_to_date(due, hours=1))
	appeal.reload()
	assert (appeal.deadline_breached, appeal.escalation_level) == (1, "Supervisor")
	alert = frappe.get_last_doc(
		"Deadline Alert", filters={"reference_doctype": "Report Appeal", "reference_name": appeal.name}
	)
	assert (alert.deadline, alert.notified) == ("Appeal Result Due", "supervisor@ps.test")
	assert frappe.db.exists("ToDo", {"reference_name": appeal.name, "allocated_to": "supervisor@ps.test"})

	sweep([APPEAL_RESULT_DUE], now=add_to_date(due, hours=2))  # once only
	assert frappe.db.count("Deadline Alert", {"reference_name": appeal.name}) == 1
	answered = edit(
		appeal, "supervisor@ps.test", outcome="Upheld", result_text="维持原报告 The report stands"
	)
	answered = act(answered, "Send Written Result", "supervisor@ps.test")
	assert answered.answered_late and answered.status == "Answered"
