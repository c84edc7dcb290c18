"""IN-12: compensation for a valid complaint's loss, approved at the level the amount requires, paid and kept."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError
from frappe.utils import add_days, nowdate

from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.compensation_agreement.compensation_agreement import (
	CompensationError,
)
from tests.integration.factories import act, edit, ensure_base_data, make_complaint


@pytest.fixture
def base():
	return ensure_base_data()


@pytest.fixture
def limits():
	settings = frappe.get_single("Property Service Settings")
	settings.compensation_supervisor_limit = 1000
	settings.compensation_manager_limit = 10000
	settings.save()


def new_agreement(complaint, amount, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Compensation Agreement",
				"complaint": complaint.name,
				"amount": amount,
				"loss_description": "漏水泡坏木地板 Wooden floor damaged by the leak",
				"basis": "维修报价单 Repair quotation No. 2026-118",
				"negotiated_with": "李明",
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_only_a_valid_complaint_is_compensated(base):
	with pytest.raises(CompensationError):
		new_agreement(make_complaint(base, validity="Not Company Fault"), 500)
	with pytest.raises(CompensationError):
		new_agreement(make_complaint(base, validity="Valid"), 0)


@pytest.mark.parametrize(
	"amount, approver, too_low",
	[
		(800, "supervisor@ps.test", None),
		(5000, "manager@ps.test", "supervisor@ps.test"),
		(20000, "director@ps.test", "manager@ps.test"),
	],
)
def test_the_amount_decides_the_level_that_approves(base, limits, amount, approver, too_low):
	agreement = new_agreement(make_complaint(base, validity="Valid"), amount)
	assert agreement.status == "Drafted" and agreement.negotiated_by == "assistant@ps.test"
	agreement = act(agreement, "Send for Approval", "assistant@ps.test")
	assert agreement.status == "Awaiting Approval" and agreement.sent_for_approval_on
	if too_low:
		with pytest.raises(frappe.ValidationError):  # the workflow offers the action only to the level
			act(agreement, "Approve Compensation", too_low)
	agreement = act(agreement, "Approve Compensation", approver)
	assert agreement.status == "Approved" and agreement.docstatus == 1
	assert agreement.approved_by == approver and agreement.approved_on


def test_a_level_above_may_approve_and_the_settings_move_the_limits(base, limits):
	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 800), "Send for Approval", "assistant@ps.test"
	)
	assert agreement.approver_role == "Customer Service Supervisor"
	assert act(agreement, "Approve Compensation", "director@ps.test").approved_by == "director@ps.test"

	frappe.db.set_single_value("Property Service Settings", "compensation_supervisor_limit", 500)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	assert new_agreement(make_complaint(base, validity="Valid"), 800).approver_role == "Property Manager"


def test_a_direct_submit_cannot_skip_the_approver(base, limits):
	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 5000), "Send for Approval", "assistant@ps.test"
	)
	frappe.set_user("supervisor@ps.test")
	try:
		doc = frappe.get_doc("Compensation Agreement", agreement.name)
		with pytest.raises((CompensationError, WorkflowPermissionError)):
			doc.status = "Approved"
			doc.submit()
	finally:
		frappe.set_user("Administrator")


def test_payment_is_recorded_once_with_its_day(base, limits):
	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 300), "Send for Approval", "assistant@ps.test"
	)
	agreement = act(agreement, "Approve Compensation", "supervisor@ps.test")
	with pytest.raises(CompensationError):
		act(agreement, "Record Payment", "assistant@ps.test")  # no day paid yet
	with pytest.raises(CompensationError):
		edit(agreement, "assistant@ps.test", paid_on=add_days(nowdate(), 1), status="Paid")
	agreement = edit(
		agreement, "assistant@ps.test", paid_on=nowdate(), payment_method="Cash", payment_reference="R-0091"
	)
	agreement = act(agreement, "Record Payment", "assistant@ps.test")
	assert agreement.status == "Paid" and agreement.payment_recorded_by == "assistant@ps.test"
	with pytest.raises(frappe.ValidationError):  # the amount is fixed once approved
		edit(agreement, "supervisor@ps.test", amount=3000)
	with pytest.raises(CompensationError):
		edit(agreement, "supervisor@ps.test", payment_reference="R-0092")


def test_an_agreement_is_kept_and_shows_on_the_complaint(base, limits):
	complaint = make_complaint(base, validity="Valid")
	agreement = new_agreement(complaint, 300)
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Compensation Agreement", agreement.name)
	links = frappe.get_meta("Complaint Register").get_dashboard_data()
	assert any("Compensation Agreement" in group["items"] for group in links.transactions)
	assert frappe.get_meta("Compensation Agreement").track_changes


def test_the_agreement_prints_for_signatures_in_chinese(base, limits):
	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 800), "Send for Approval", "assistant@ps.test"
	)
	agreement = act(agreement, "Approve Compensation", "supervisor@ps.test")
	printed = frappe.get_print(agreement.doctype, agreement.name, print_format="Compensation Agreement")
	assert "投诉赔偿协议书" in printed and "投诉人签字" in printed and "审批人签字" in printed
	assert "主管 Supervisor" in printed and "漏水泡坏木地板" in printed and agreement.complaint in printed


def test_complaint_statistics_count_the_compensation(base, limits):
	from property_service.property_service.report.complaint_statistics.complaint_statistics import execute

	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 800), "Send for Approval", "assistant@ps.test"
	)
	act(agreement, "Approve Compensation", "supervisor@ps.test")
	new_agreement(make_complaint(base, validity="Valid"), 999)  # not approved: not counted
	columns, data, *_rest, summary = execute(frappe._dict(estate=base.estate, group_by="Estate"))
	assert {"compensated", "compensation_amount"} <= {column["fieldname"] for column in columns}
	row = next(row for row in data if row.group_value == base.estate)
	assert row.compensated >= 1 and row.compensation_amount >= 800
	assert any(item["label"] == frappe._("Compensation Paid or Approved") for item in summary)


def test_what_the_approver_approves_stays_as_sent(base, limits):
	agreement = act(
		new_agreement(make_complaint(base, validity="Valid"), 800), "Send for Approval", "assistant@ps.test"
	)
	with pytest.raises(CompensationError):
		edit(agreement, "supervisor@ps.test", amount=900)
	agreement = edit(agreement, "supervisor@ps.test", approval_note="请补充发票 Invoice missing")
	agreement = act(agreement, "Send Back", "supervisor@ps.test")
	assert edit(agreement, "assistant@ps.test", amount=900).amount == 900
