"""RE-1: every change to a complaint, notice, work order, visit and survey answer is in the document's
version history with who and when, including the changes the scheduled sweeps make; none can be deleted."""

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from property_service.deadline_sweep import HOURLY, sweep
from property_service.exceptions import RecordKeptError
from property_service.rules.records import KEPT_DOCTYPES
from tests.integration.factories import (
	act,
	ensure_base_data,
	issue_notice,
	make_complaint,
	make_work_order,
)


@pytest.fixture(scope="module")
def base():
	return ensure_base_data()


def history(doc) -> list[frappe._dict]:
	return frappe.get_all(
		"Version",
		filters={"ref_doctype": doc.doctype, "docname": doc.name},
		fields=["owner", "creation", "data"],
		order_by="creation",
	)


def saved(doc, user, **values):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save(ignore_version=False)
		return doc
	finally:
		frappe.set_user("Administrator")


def test_each_change_is_recorded_with_who_and_when(base):
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint, due_on=add_to_date(now_datetime(), days=2))
	order = make_work_order(base)
	records = (
		(complaint, "assistant@ps.test", {"description": "补充说明 More detail"}),
		(notice, "supervisor@ps.test", {"instructions": "先关阀门 Close the valve first"}),
		(order, "assistant@ps.test", {"problem": "厨房和卫生间都漏水 Kitchen and bathroom leak"}),
	)
	for doc, user, values in records:
		saved(doc, user, **values)
		(field, value), last = next(iter(values.items())), history(doc)[-1]
		assert last.owner == user and last.creation
		assert field in last.data and value in frappe.parse_json(last.data)["changed"][0][2]


def test_the_sweeps_changes_are_in_the_history_too(base):
	complaint = make_complaint(base, received_on=add_to_date(now_datetime(), hours=-30))
	sweep(HOURLY)
	last = history(complaint)[-1]
	assert last.owner == "Administrator" and "escalation_level" in last.data


@pytest.mark.parametrize("doctype", KEPT_DOCTYPES)
def test_no_kept_record_can_be_deleted(doctype):
	with pytest.raises(RecordKeptError):
		frappe.get_doc({"doctype": doctype}).run_method("on_trash")
	meta = frappe.get_meta(doctype)
	assert meta.track_changes, f"{doctype} keeps its history"
	assert not any(p.delete for p in meta.permissions), f"nobody deletes a {doctype}"
