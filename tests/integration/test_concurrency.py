"""Many people at once, through the HTTP API of a running site (gunicorn, several workers): numbers
stay unique and gap-free, nothing is lost or half-saved, and two staff saving one complaint at once
get Frappe's "modified after you opened it" refusal rather than a silent overwrite."""

import json
import re
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.utils import add_to_date, now_datetime

from tests.integration.conftest import cleanup
from tests.integration.factories import make_complaint

EACH = 50


def test_a_hundred_requests_at_once_get_a_hundred_unique_gap_free_numbers(api):
	resident = frappe.get_doc("Resident", api.base.residents[0])
	complaint = {
		"doctype": "Complaint Register",
		"channel": "Telephone",
		"resident": resident.name,
		"summary": "并发测试 Concurrency",
		"received_on": str(now_datetime()),
	}
	order = {
		"doctype": "Repair Work Order",
		"channel": "Telephone",
		"resident": resident.name,
		"problem": "并发测试 Concurrency",
		"requested_on": str(now_datetime()),
		"appointment_time": str(add_to_date(now_datetime(), hours=3)),
	}
	jobs = [("Complaint Register", complaint)] * EACH + [("Repair Work Order", order)] * EACH
	with ThreadPoolExecutor(max_workers=20) as pool:
		results = list(pool.map(lambda job: api.call("POST", f"/api/resource/{job[0]}", job[1]), jobs))
	frappe.db.rollback()  # see what the server committed
	try:
		assert [status for status, _body in results] == [200] * len(jobs), results[:3]
		for doctype in ("Complaint Register", "Repair Work Order"):
			names = [
				body["data"]["name"]
				for (dt, _payload), (_s, body) in zip(jobs, results, strict=True)
				if dt == doctype
			]
			assert len(set(names)) == EACH
			numbers = sorted(int(re.search(r"(\d+)$", name).group(1)) for name in names)
			assert numbers == list(range(numbers[0], numbers[0] + EACH)), "gap-free"
			due = "acceptance_due" if doctype == "Complaint Register" else "dispatch_due"
			stored = frappe.get_all(doctype, filters={"name": ("in", names)}, fields=[due])
			assert len(stored) == EACH and all(row[due] for row in stored), "whole records, deadlines set"
	finally:
		for doctype in ("Complaint Register", "Repair Work Order"):
			names = [
				body.get("data", {}).get("name")
				for (dt, _p), (_s, body) in zip(jobs, results, strict=True)
				if dt == doctype
			]
			cleanup(doctype, [n for n in names if n])


def test_two_staff_saving_one_complaint_at_once_do_not_overwrite_each_other(api):
	complaint = make_complaint(api.base)
	frappe.db.commit()
	try:
		status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}")
		opened = body["data"]
		first = {**opened, "description": "第一位员工的修改 First change"}
		second = {**opened, "description": "第二位员工的修改 Second change"}
		assert api.call("POST", "/api/method/frappe.client.save", {"doc": first})[0] == 200
		status, body = api.call("POST", "/api/method/frappe.client.save", {"doc": second})
		assert status == 417 and "TimestampMismatchError" in json.dumps(body)
		frappe.db.rollback()
		assert (
			frappe.db.get_value("Complaint Register", complaint.name, "description")
			== "第一位员工的修改 First change"
		)
	finally:
		cleanup("Complaint Register", [complaint.name])
