"""IN-14: closed complaints, each with its investigation, decision and result, handed to the archive and
the hand-over recorded; the complaints show it and nothing is deleted (RE-1)."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from property_service.exceptions import RecordKeptError
from property_service.property_service.doctype.archive_transfer.archive_transfer import (
	ArchiveTransferError,
	closed_complaints_not_archived,
)
from tests.integration.factories import (
	act,
	complete_notice,
	edit,
	ensure_base_data,
	issue_notice,
	make_complaint,
	record_visit,
)


@pytest.fixture
def base():
	return ensure_base_data()


def closed_complaint(base):
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complete_notice(issue_notice(complaint))
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	complaint = act(complaint, "Start Return Visit", "assistant@ps.test")
	record_visit(complaint, "Satisfied", "满意")
	complaint.reload()
	assert complaint.status == "Closed"
	return complaint


def new_transfer(base, complaints, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Archive Transfer",
				"estate": base.estate,
				"archivist": "档案室 王静 Archivist Wang",
				"archive_location": "A-03 盒 Box 12",
				"complaints": [{"complaint": complaint.name} for complaint in complaints],
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_closed_complaints_are_handed_over_and_show_it(base):
	first, second = closed_complaint(base), closed_complaint(base)
	offered = {row.complaint for row in closed_complaints_not_archived(base.estate)}
	assert {first.name, second.name} <= offered

	transfer = new_transfer(base, [first, second])
	assert transfer.handed_over_by == "assistant@ps.test" and transfer.complaint_count == 2
	row = transfer.complaints[0]
	assert row.summary and row.resolved_on
	assert f"{first.name}-1" in row.documents and "RV-" in row.documents  # the notice and the visit

	frappe.set_user("assistant@ps.test")
	try:
		transfer = frappe.get_doc("Archive Transfer", transfer.name)
		transfer.submit()
	finally:
		frappe.set_user("Administrator")
	for complaint in (first, second):
		archived_in, archived_on = frappe.db.get_value(
			"Complaint Register", complaint.name, ("archived_in", "archived_on")
		)
		assert archived_in == transfer.name and str(archived_on) == nowdate()
		assert frappe.db.exists(
			"Comment", {"reference_name": complaint.name, "content": ("like", f"%{transfer.name}%")}
		)
	assert first.name not in {row.complaint for row in closed_complaints_not_archived(base.estate)}

	with pytest.raises(ArchiveTransferError):  # once handed over, never twice
		new_transfer(base, [first])
	with pytest.raises(frappe.ValidationError):  # kept as handed over
		edit(transfer, "assistant@ps.test", archive_location="B-01")
	with pytest.raises(frappe.ValidationError):  # neither deleted nor cancelled
		frappe.delete_doc("Archive Transfer", transfer.name)
	with pytest.raises(ArchiveTransferError):
		frappe.get_doc("Archive Transfer", transfer.name).cancel()
	with pytest.raises(RecordKeptError):  # the archived complaint is kept as well
		frappe.delete_doc("Complaint Register", first.name)

	printed = frappe.get_print("Archive Transfer", transfer.name, print_format="Archive Transfer List")
	assert "投诉档案移交清单" in printed and first.name in printed and "档案管理员签收" in printed
	assert "前台 Assistant" in printed and "A-03" in printed


def test_only_closed_complaints_of_the_estate_each_once(base):
	open_one = make_complaint(base)
	with pytest.raises(ArchiveTransferError):
		new_transfer(base, [open_one])
	closed = closed_complaint(base)
	with pytest.raises(ArchiveTransferError):
		new_transfer(base, [closed, closed])
	with pytest.raises(ArchiveTransferError):
		new_transfer(base, [closed], transferred_on=add_days(nowdate(), 1))
	draft = new_transfer(base, [closed])
	with pytest.raises(RecordKeptError):
		frappe.delete_doc("Archive Transfer", draft.name)


def test_the_app_sets_archived_in_not_the_user(base):
	closed = closed_complaint(base)
	transfer = new_transfer(base, [closed])
	edit(closed, "supervisor@ps.test", archived_in=transfer.name, archived_on=nowdate())
	assert not frappe.db.get_value("Complaint Register", closed.name, "archived_in")
