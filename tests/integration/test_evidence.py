"""Records that hold as evidence, attacked over HTTP against gunicorn as the people who might forge them.

What only the app sets (deadlines, breach marks, levels, timestamps, counts, who did what, histories)
sits at a permission level no role writes; Frappe resets it on every insert and save whatever the
request, and these tests try the request shapes Frappe offers (frappe/client.py, frappe/handler.py,
frappe/api/, frappe/desk/) and then read the stored record. They also check that a team member and a
technician reach only their own part of the register through the child tables, which Frappe lists
directly."""

import json
import urllib.parse

import frappe
import pytest
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.permissions import reset_perms, update_permission_property
from frappe.utils import add_to_date, get_datetime, now_datetime

from property_service.exceptions import ComplaintError
from tests.integration.conftest import SITE, cleanup, run_queued_job
from tests.integration.factories import (
	act,
	edit,
	ensure_resident_user,
	ensure_user,
	escalated_complaint,
	make_complaint,
	make_work_order,
)

FORGED = "2031-01-01 00:00:00"
OTHER_TEAM = "测试保洁部 Test Cleaning Team"


@pytest.fixture(scope="module")
def tokens(api):
	"""An API key for each user the attacks run as."""
	ensure_user("technician2@ps.test", "师傅二 Technician Two", ["Technician"])
	ensure_user("sysmanager@ps.test", "系统管理员 System Manager", ["System Manager"])
	made = {}
	for user in (
		"assistant@ps.test",
		"supervisor@ps.test",
		"member@ps.test",
		"technician@ps.test",
		"sysmanager@ps.test",
	):
		doc = frappe.get_doc("User", user)
		doc.api_key = doc.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		doc.api_secret = secret
		doc.save(ignore_permissions=True)
		made[user] = f"{doc.api_key}:{secret}"
	if not frappe.db.exists("Service Team", OTHER_TEAM):
		frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": OTHER_TEAM,
				"estate": api.base.estate,
				"head": "sysmanager@ps.test",
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	return made


def page_as(api, path: str, token: str) -> tuple[int, str]:
	"""A desk page (HTML) as the user of `token`."""
	import urllib.error
	import urllib.request

	request = urllib.request.Request(
		api.url + path, headers={"Host": SITE, "Authorization": f"token {token}"}
	)
	try:
		with urllib.request.urlopen(request, timeout=120) as response:
			return response.status, response.read().decode()
	except urllib.error.HTTPError as error:
		return error.code, error.read().decode()


def stored(doc):
	frappe.db.rollback()  # what the site committed
	return frappe.get_doc(doc.doctype, doc.name)


def assert_untouched(after, before):
	assert (after.acceptance_due, after.reply_due) == (before.acceptance_due, before.reply_due)
	assert (after.deadline_breached, after.breached_on) == (before.deadline_breached, before.breached_on)
	assert (after.escalation_level, after.reopen_count) == (before.escalation_level, before.reopen_count)
	assert after.registered_by == before.registered_by
	assert [(r.name, r.reason, r.escalated_by, r.to_level) for r in after.escalations] == [
		(r.name, r.reason, r.escalated_by, r.to_level) for r in before.escalations
	]


FORGERY = {
	"reply_due": FORGED,
	"acceptance_due": FORGED,
	"deadline_breached": 0,
	"breached_on": None,
	"reopen_count": 9,
	"escalation_level": "Assistant",
	"registered_by": "director@ps.test",
}


def test_updates_through_every_path_leave_what_the_app_set(api, tokens):
	complaint = escalated_complaint(api.base)
	token = tokens["assistant@ps.test"]
	try:
		attempts = [
			# the list view's bulk edit
			(
				"POST",
				"/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
				{
					"doctype": "Complaint Register",
					"docnames": json.dumps([complaint.name]),
					"action": "update",
					"data": json.dumps(FORGERY),
				},
			),
			# frappe.client.bulk_update and set_value with several fields
			(
				"POST",
				"/api/method/frappe.client.bulk_update",
				{
					"docs": json.dumps(
						[{"doctype": "Complaint Register", "docname": complaint.name, **FORGERY}]
					)
				},
			),
			(
				"POST",
				"/api/method/frappe.client.set_value",
				{"doctype": "Complaint Register", "name": complaint.name, "fieldname": json.dumps(FORGERY)},
			),
			# the record's name in another letter case, on each version of the REST API
			("PUT", f"/api/resource/Complaint Register/{complaint.name.lower()}", FORGERY),
			("PUT", f"/api/v1/resource/Complaint Register/{complaint.name.lower()}", FORGERY),
			("PATCH", f"/api/v2/document/Complaint Register/{complaint.name}", FORGERY),
		]
		for method, path, payload in attempts:
			status, body = api.call(method, path, payload, token=token)
			assert status in (200, 403, 405, 417), (path, status, body)
			assert_untouched(stored(complaint), complaint)
		# the desk's Save and a document method, with the whole form sent back forged
		for method, args in (("savedocs", None), ("pause", {"reason": "住户出差 Away"})):
			status, body = api.call("GET", f"/api/resource/Complaint Register/{complaint.name}", token=token)
			sent = json.dumps({**body["data"], **FORGERY, "escalations": []})
			if method == "savedocs":
				path, payload = "/api/method/frappe.desk.form.save.savedocs", {"doc": sent, "action": "Save"}
			else:
				path = "/api/method/run_doc_method"
				payload = {"method": method, "docs": sent, "args": json.dumps(args)}
			status, body = api.call("POST", path, payload, token=token)
			assert status == 200, (path, body)
			after = stored(complaint)
			assert_untouched(after, complaint)
		assert after.paused_since and [p.reason for p in after.pauses] == ["住户出差 Away"]
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_records_created_through_every_path_start_as_the_app_makes_them(api, tokens):
	base = api.base

	def new(**values):
		return {
			"doctype": "Complaint Register",
			"channel": "Telephone",
			"resident": base.residents[0],
			"category": base.category,
			"summary": "路灯不亮 Street light out",
			**FORGERY,
			"accepted_on": FORGED,
			"resolved_on": FORGED,
			"resolved_by": "director@ps.test",
			"escalations": [{"from_level": "Assistant", "to_level": "Director", "reason": "伪造 Forged"}],
			"pauses": [{"paused_on": FORGED, "reason": "伪造 Forged"}],
			**values,
		}

	made = []
	token = tokens["assistant@ps.test"]
	try:
		status, body = api.call(
			"POST", "/api/method/frappe.client.insert_many", {"docs": json.dumps([new(), new()])}, token=token
		)
		assert status == 200, body
		made += body["message"]
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.insert",
			{"doc": json.dumps(new(name="CMP-2031-99999"))},
			token=token,
		)
		assert status == 200, body
		made.append(body["message"]["name"])
		for path in ("/api/v1/resource/Complaint Register", "/api/v2/document/Complaint Register"):
			status, body = api.call("POST", path, new(name="CMP-2031-99998"), token=token)
			assert status == 200, (path, body)
			made.append(body["data"]["name"])
		assert "CMP-2031-99999" not in made and "CMP-2031-99998" not in made
		frappe.db.rollback()
		for name in made:
			complaint = frappe.get_doc("Complaint Register", name)
			assert complaint.registered_by == "assistant@ps.test"
			assert not (complaint.accepted_on or complaint.resolved_on or complaint.resolved_by)
			assert (complaint.deadline_breached, complaint.reopen_count, complaint.escalation_level) == (
				0,
				0,
				"Assistant",
			)
			assert get_datetime(complaint.reply_due) < get_datetime(FORGED)
			assert not complaint.escalations and not complaint.pauses
	finally:
		cleanup("Complaint Register", made)


def test_history_rows_are_written_by_no_api(api, tokens):
	"""An escalation or pause row, made up or rewritten, through the child doctype itself."""
	complaint = escalated_complaint(api.base)
	(row,) = complaint.escalations
	made_up = {
		"doctype": "Complaint Escalation",
		"parenttype": "Complaint Register",
		"parent": complaint.name,
		"parentfield": "escalations",
		"from_level": "Supervisor",
		"to_level": "Director",
		"reason": "伪造 Forged",
		"escalated_by": "director@ps.test",
		"escalated_on": FORGED,
	}
	try:
		for user in ("assistant@ps.test", "supervisor@ps.test", "sysmanager@ps.test"):
			token = tokens[user]
			for method, path, payload in (
				("POST", "/api/method/frappe.client.insert", {"doc": json.dumps(made_up)}),
				("POST", "/api/method/frappe.client.insert_many", {"docs": json.dumps([made_up])}),
				("POST", "/api/resource/Complaint Escalation", made_up),
				("POST", "/api/v2/document/Complaint Escalation", made_up),
				("PUT", f"/api/resource/Complaint Escalation/{row.name}", {"reason": "伪造 Forged"}),
				(
					"POST",
					"/api/method/frappe.client.set_value",
					{
						"doctype": "Complaint Escalation",
						"name": row.name,
						"fieldname": "reason",
						"value": "x",
					},
				),
				(
					"POST",
					"/api/method/frappe.client.save",
					{"doc": json.dumps({**row.as_dict(convert_dates_to_str=True), "reason": "伪造 Forged"})},
				),
				(
					"POST",
					"/api/method/frappe.client.insert",
					{
						"doc": json.dumps(
							{
								"doctype": "Case Pause",
								"parenttype": "Complaint Register",
								"parent": complaint.name,
								"parentfield": "pauses",
								"paused_on": FORGED,
								"reason": "伪造 Forged",
							}
						)
					},
				),
			):
				status, body = api.call(method, path, payload, token=token)
				assert status in (200, 403, 417), (user, path, status, body)
				after = stored(complaint)
				assert_untouched(after, complaint)
				assert not after.pauses, (user, path)
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_data_import_run_by_a_worker_takes_no_app_field(api, tokens):
	"""Complaints are not imported (Allow Import is off). A company that switches it on (Customize
	Form) and lets the System Manager import (Role Permission Manager) still gets no app field from the
	file: the System Manager starts an import of complaints with deadline and history columns from the
	desk, and a worker runs it."""
	csv = (
		"Channel,Resident,Category,Nature / Summary,Reply Due,Deadline Breached,Times Reopened,Registered By\n"
		f"Telephone,{api.base.residents[0]},{api.base.category},导入投诉 Imported,{FORGED},1,7,director@ps.test\n"
	)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "forged-complaints.csv", "content": csv.encode(), "is_private": 1}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	for setter in frappe.get_all(
		"Property Setter", {"doc_type": "Complaint Register", "property": "allow_import"}, pluck="name"
	):  # left by an interrupted run
		frappe.delete_doc("Property Setter", setter, force=True, ignore_permissions=True)
	reset_perms("Complaint Register")
	frappe.clear_cache(doctype="Complaint Register")
	frappe.db.commit()
	token = tokens["sysmanager@ps.test"]
	new_import = {
		"reference_doctype": "Complaint Register",
		"import_type": "Insert New Records",
		"import_file": file.file_url,
	}
	status, body = api.call("POST", "/api/resource/Data Import", new_import, token=token)
	assert status in (403, 417), body  # not importable as shipped

	setter = make_property_setter(
		"Complaint Register",
		None,
		"allow_import",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
	update_permission_property("Complaint Register", "System Manager", 0, "import", 1)
	frappe.db.set_single_value("System Settings", "enable_scheduler", 1)  # imports are queued only then
	frappe.db.commit()
	made = []
	try:
		status, body = api.call("POST", "/api/resource/Data Import", new_import, token=token)
		assert status == 200, body
		name = body["data"]["name"]
		status, body = api.call(
			"POST",
			"/api/method/frappe.core.doctype.data_import.data_import.form_start_import",
			{"data_import": name},
			token=token,
		)
		assert status == 200, body
		run_queued_job(f"data_import::{name}")
		frappe.db.rollback()
		made = frappe.get_all("Complaint Register", filters={"summary": "导入投诉 Imported"}, pluck="name")
		assert frappe.db.get_value("Data Import", name, "status") == "Success" and len(made) == 1
		complaint = frappe.get_doc("Complaint Register", made[0])
		assert complaint.registered_by == "sysmanager@ps.test"
		assert (complaint.deadline_breached, complaint.reopen_count) == (0, 0)
		assert get_datetime(complaint.reply_due) < get_datetime(FORGED)
	finally:
		frappe.db.rollback()
		frappe.db.set_single_value("System Settings", "enable_scheduler", 0)
		frappe.delete_doc("Property Setter", setter.name, force=True, ignore_permissions=True)
		reset_perms("Complaint Register")
		frappe.clear_cache(doctype="Complaint Register")
		frappe.db.commit()
		cleanup("Complaint Register", made)


def test_received_on_is_fixed_once_accepted_and_the_supervisor_corrects_it(api, tokens):
	"""IN-4's deadline already missed stays; the reply deadline still ahead moves with the correction."""
	complaint = make_complaint(api.base, received_on=add_to_date(now_datetime(), hours=-30))
	complaint = act(complaint, "Accept", "assistant@ps.test")  # accepted six hours late
	frappe.db.commit()
	try:
		status, body = api.call(
			"PUT",
			f"/api/resource/Complaint Register/{complaint.name}",
			{"received_on": str(add_to_date(now_datetime(), hours=-2))},
			token=tokens["assistant@ps.test"],
		)
		assert status == 417 and "ComplaintError" in json.dumps(body), body
		assert stored(complaint).received_on == complaint.received_on

		corrected = add_to_date(now_datetime(), hours=-34)  # the phone log says four hours earlier
		reason = "电话记录时间写错 Phone log time mistyped"

		def correct(user: str, reason: str):
			return api.call(
				"POST",
				"/api/method/run_doc_method",
				{
					"method": "correct_received_on",
					"dt": "Complaint Register",
					"dn": complaint.name,
					"args": json.dumps({"received_on": str(corrected), "reason": reason}),
				},
				token=tokens[user],
			)

		status, body = correct("supervisor@ps.test", "")
		assert status == 417, "a reason is needed"
		status, body = correct("assistant@ps.test", reason)
		assert status == 403, "only the supervisor corrects it"
		status, body = correct("supervisor@ps.test", reason)
		assert status == 200, body
		after = stored(complaint)
		assert abs((get_datetime(after.received_on) - corrected).total_seconds()) < 1
		assert after.acceptance_due == complaint.acceptance_due, "a missed deadline never moves"
		assert get_datetime(after.reply_due) < get_datetime(complaint.reply_due)
		(correction,) = after.received_on_corrections
		assert correction.corrected_by == "supervisor@ps.test"
		assert correction.previous_received_on == complaint.received_on
		assert correction.reason == "电话记录时间写错 Phone log time mistyped"
		assert frappe.db.exists(
			"Version",
			{"ref_doctype": "Complaint Register", "docname": complaint.name, "owner": "supervisor@ps.test"},
		)
	finally:
		cleanup("Complaint Register", [complaint.name])


def test_received_on_cannot_move_in_process_either(api):
	complaint = make_complaint(api.base)
	complaint = act(complaint, "Accept", "assistant@ps.test")
	with pytest.raises(ComplaintError):
		edit(complaint, "assistant@ps.test", received_on=add_to_date(now_datetime(), hours=-1))


def rows_seen(api, token, doctype, parent_doctype) -> set[str]:
	"""The child rows a user lists through each of Frappe's list paths; they must agree."""
	seen = []
	status, body = api.call(
		"POST",
		"/api/method/frappe.client.get_list",
		{
			"doctype": doctype,
			"parent": parent_doctype,
			"fields": json.dumps(["parent"]),
			"limit_page_length": 0,
		},
		token=token,
	)
	assert status == 200, body
	seen.append({row["parent"] for row in body["message"]})
	status, body = api.call(
		"POST",
		"/api/method/frappe.desk.reportview.get",
		{
			"doctype": doctype,
			"parent_doctype": parent_doctype,
			"fields": json.dumps([f"`tab{doctype}`.`parent`"]),
			"page_length": 0,
		},
		token=token,
	)
	assert status == 200, body
	message = body.get("message") or {}
	seen.append({row[0] for row in message.get("values", [])})
	status, body = api.call(
		"GET",
		f"/api/resource/{doctype}?parent={parent_doctype}&fields="
		+ urllib.parse.quote(json.dumps(["parent"]))
		+ "&limit_page_length=0",
		token=token,
	)
	assert status == 200, body
	seen.append({row["parent"] for row in body["data"]})
	assert seen[0] == seen[1] == seen[2], seen
	return seen[0]


def test_team_members_and_technicians_list_only_their_own_child_rows(api, tokens):
	ours = escalated_complaint(api.base, service_team=api.base.team)
	theirs = escalated_complaint(api.base, service_team=OTHER_TEAM)
	own_order = make_work_order(api.base, technician="technician@ps.test")
	other_order = make_work_order(api.base, technician="technician2@ps.test")
	for order in (own_order, other_order):
		order.append("items", {"item_type": "Part", "description": "阀芯 Valve", "qty": 1, "rate": 20})
		order.save()
	frappe.db.commit()
	try:
		member = tokens["member@ps.test"]
		seen = rows_seen(api, member, "Complaint Escalation", "Complaint Register")
		assert ours.name in seen and theirs.name not in seen
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.get_count",
			{"doctype": "Complaint Escalation", "filters": json.dumps({"parent": theirs.name})},
			token=member,
		)
		assert status in (200, 403) and (status == 403 or body["message"] == 0), body

		technician = tokens["technician@ps.test"]
		seen = rows_seen(api, technician, "Repair Work Item", "Repair Work Order")
		assert own_order.name in seen and other_order.name not in seen
		(other_row,) = other_order.items
		status, body = api.call("GET", f"/api/resource/Repair Work Item/{other_row.name}", token=technician)
		assert status == 403, body
		status, body = api.call(
			"POST",
			"/api/method/frappe.desk.search.search_link",
			{"doctype": "Repair Work Order", "txt": other_order.name},
			token=technician,
		)
		assert other_order.name not in json.dumps(body)
	finally:
		cleanup("Complaint Register", [ours.name, theirs.name])
		cleanup("Repair Work Order", [own_order.name, other_order.name])


def test_the_apps_own_steps_still_set_what_they_set(api, tokens):
	"""Acknowledging an order through run_doc_method as the technician sets the time; sent values do
	not."""
	order = make_work_order(api.base, technician="technician@ps.test")
	order = act(order, "Dispatch", "assistant@ps.test")
	frappe.db.commit()
	try:
		status, body = api.call(
			"GET", f"/api/resource/Repair Work Order/{order.name}", token=tokens["technician@ps.test"]
		)
		sent = {**body["data"], "dispatch_due": FORGED, "completed_on": FORGED}
		status, body = api.call(
			"POST",
			"/api/method/run_doc_method",
			{"method": "acknowledge", "docs": json.dumps(sent)},
			token=tokens["technician@ps.test"],
		)
		assert status == 200, body
		after = stored(order)
		assert after.acknowledged_on and after.dispatch_due == order.dispatch_due and not after.completed_on
	finally:
		cleanup("Repair Work Order", [order.name])


# ---- residents, over HTTP with a browser's cookie session ----

RESIDENT_PASSWORD = "Evidence@2026"


@pytest.fixture(scope="module")
def residents(api):
	users = [
		ensure_resident_user(resident, email, RESIDENT_PASSWORD)
		for resident, email in zip(
			api.base.residents, ("evidence101@ps.test", "evidence102@ps.test"), strict=True
		)
	]
	frappe.db.commit()
	return users


class CookieSession:
	"""A resident's browser: logs in with a password, keeps the cookie, reads the page's CSRF token."""

	def __init__(self, url: str, user: str):
		import http.cookiejar
		import urllib.request

		self.url = url
		self.opener = urllib.request.build_opener(
			urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
		)
		status, body = self.post("/api/method/login", {"usr": user, "pwd": RESIDENT_PASSWORD})
		assert status == 200, body
		self.token = None

	def request(self, method: str, path: str, data: bytes | None = None, headers=None):
		import urllib.error
		import urllib.request

		from tests.integration.conftest import SITE

		request = urllib.request.Request(
			self.url + urllib.parse.quote(path, safe="/?=&%"),
			data=data,
			method=method,
			headers={"Host": SITE, **(headers or {})},
		)
		try:
			with self.opener.open(request, timeout=120) as response:
				return response.status, response.read()
		except urllib.error.HTTPError as error:
			return error.code, error.read()

	def post(self, path: str, form: dict, token: str | None = None):
		import urllib.parse

		headers = {"Content-Type": "application/x-www-form-urlencoded"}
		if token:
			headers["X-Frappe-CSRF-Token"] = token
		status, body = self.request("POST", path, urllib.parse.urlencode(form).encode(), headers)
		return status, json.loads(body or b"{}")

	def page_token(self) -> str:
		import re

		status, html = self.request("GET", "/my-requests")
		assert status == 200, html[:500]
		self.token = re.search(rb'frappe.csrf_token = "([0-9a-f]+)"', html).group(1).decode()
		return self.token


def test_a_resident_session_refuses_a_post_without_its_csrf_token(api, residents):
	session = CookieSession(api.url, residents[0])
	token = session.page_token()
	form = {"summary": "CSRF 测试 probe", "photos": "[]"}
	before = frappe.db.count("Complaint Register", {"summary": form["summary"]})
	status, body = session.post("/api/method/property_service.portal.file_complaint", form)
	assert status == 400 and body.get("exc_type") == "CSRFTokenError", body
	status, body = session.post("/api/method/property_service.portal.file_complaint", form, token="0" * 56)
	assert status == 400, body
	frappe.db.rollback()
	assert frappe.db.count("Complaint Register", {"summary": form["summary"]}) == before
	status, body = session.post("/api/method/property_service.portal.file_complaint", form, token=token)
	assert status == 200, body
	cleanup("Complaint Register", [body["message"]])


def test_a_resident_uploads_nothing_outside_the_portal(api, residents):
	import base64

	from tests.integration.factories import SIGNATURE

	session = CookieSession(api.url, residents[0])
	token = session.page_token()
	png = base64.b64decode(SIGNATURE.split(",")[1])
	boundary = "----evidence"
	body = (
		(
			f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n'
			"Content-Type: image/png\r\n\r\n"
		).encode()
		+ png
		+ f"\r\n--{boundary}--\r\n".encode()
	)
	before = frappe.db.count("File")
	for path in ("/api/method/upload_file", "/api/method/frappe.handler.upload_file"):
		status, answer = session.request(
			"POST",
			path,
			body,
			{"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Frappe-CSRF-Token": token},
		)
		assert status == 403, (path, answer[:300])
	status, answer = session.post(
		"/api/resource/File",
		{"data": json.dumps({"file_name": "q.png", "content": base64.b64encode(png).decode(), "decode": 1})},
		token=token,
	)
	assert status == 403, answer
	frappe.db.rollback()
	assert frappe.db.count("File") == before


def test_the_hourly_limit_holds_when_requests_arrive_at_once(api, residents):
	from concurrent.futures import ThreadPoolExecutor

	limit = 3
	previous = frappe.db.get_single_value("Property Service Settings", "portal_requests_per_hour")
	frappe.db.set_single_value("Property Service Settings", "portal_requests_per_hour", limit)
	frappe.db.commit()
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	session = CookieSession(api.url, residents[1])
	token = session.page_token()
	summary = "并发 At once"
	try:
		with ThreadPoolExecutor(max_workers=8) as pool:
			results = list(
				pool.map(
					lambda _i: session.post(
						"/api/method/property_service.portal.file_complaint",
						{"summary": summary, "photos": "[]"},
						token=token,
					),
					range(8),
				)
			)
		statuses = sorted(status for status, _body in results)
		assert statuses.count(200) == limit, results
		assert all(status == 429 for status in statuses if status != 200), results
		frappe.db.rollback()
		assert frappe.db.count("Complaint Register", {"summary": summary}) == limit
	finally:
		frappe.db.rollback()
		cleanup(
			"Complaint Register", frappe.get_all("Complaint Register", {"summary": summary}, pluck="name")
		)
		frappe.db.set_single_value("Property Service Settings", "portal_requests_per_hour", previous)
		frappe.db.commit()
		frappe.clear_document_cache("Property Service Settings", "Property Service Settings")


# ---- what a security test of the running demo found beyond the first list ----


def test_the_link_search_keeps_every_record_rule(api, tokens, residents):
	"""Frappe's search_widget turned `ignore_user_permissions` into ignoring every permission rule."""
	ours = make_complaint(api.base, service_team=api.base.team)
	theirs = make_complaint(api.base, service_team=OTHER_TEAM)
	other_order = make_work_order(api.base, technician="technician2@ps.test")
	frappe.db.commit()
	try:
		for user, doctype, hidden in (
			("member@ps.test", "Complaint Register", theirs.name),
			("technician@ps.test", "Repair Work Order", other_order.name),
		):
			for method in ("search_widget", "search_link"):
				status, body = api.call(
					"POST",
					f"/api/method/frappe.desk.search.{method}",
					{
						"doctype": doctype,
						"txt": "",
						"ignore_user_permissions": 1,
						"page_length": 1000,
						"filter_fields": json.dumps(["reply_due"]) if method == "search_widget" else None,
					},
					token=tokens[user],
				)
				assert status == 200, body
				assert hidden not in json.dumps(body), (user, method)
		session = CookieSession(api.url, residents[1])
		token = session.page_token()
		status, body = session.post(
			"/api/method/frappe.desk.search.search_widget",
			{"doctype": "Complaint Register", "txt": "", "ignore_user_permissions": 1, "page_length": 1000},
			token=token,
		)
		assert status == 200 and ours.name not in json.dumps(body), body
	finally:
		cleanup("Complaint Register", [ours.name, theirs.name])
		cleanup("Repair Work Order", [other_order.name])


def test_naming_yourself_in_the_request_opens_nothing(api, tokens):
	"""Frappe checks a save's permission on the document with the request's values applied."""
	from tests.integration.factories import issue_notice

	complaint = act(make_complaint(api.base, service_team=OTHER_TEAM), "Accept", "assistant@ps.test")
	notice = issue_notice(complaint, service_team=OTHER_TEAM)
	order = make_work_order(api.base, technician="technician2@ps.test")
	frappe.db.commit()
	try:
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.set_value",
			{
				"doctype": "Handling Notice",
				"name": notice.name,
				"fieldname": json.dumps({"service_team": api.base.team, "result": "伪造 Forged"}),
			},
			token=tokens["member@ps.test"],
		)
		assert status == 403, body
		assert not stored(notice).result
		status, body = api.call(
			"PUT",
			f"/api/resource/Repair Work Order/{order.name}",
			{"technician": "technician@ps.test", "work_done": "伪造 Forged"},
			token=tokens["technician@ps.test"],
		)
		assert status == 403, body
		after = stored(order)
		assert after.technician == "technician2@ps.test" and not after.work_done
	finally:
		cleanup("Handling Notice", [notice.name])
		cleanup("Complaint Register", [complaint.name])
		cleanup("Repair Work Order", [order.name])


def test_a_row_of_another_record_cannot_be_taken(api, tokens):
	"""Frappe writes table rows by name: a row named after another order's would move to this one."""
	own = make_work_order(api.base, technician="technician@ps.test")
	other = make_work_order(api.base, technician="technician2@ps.test")
	other.append("items", {"item_type": "Part", "description": "阀芯 Valve", "qty": 1, "rate": 48})
	other.save()
	frappe.db.commit()
	(row,) = other.items
	try:
		status, body = api.call(
			"PUT",
			f"/api/resource/Repair Work Order/{own.name}",
			{
				"items": [
					{
						"name": row.name,
						"item_type": "Part",
						"description": "偷来的 Stolen",
						"qty": 1,
						"rate": 1,
					}
				]
			},
			token=tokens["technician@ps.test"],
		)
		assert status == 403, body
		after = stored(other)
		assert [(r.name, r.description, r.rate) for r in after.items] == [(row.name, "阀芯 Valve", 48)]
		# nor on its own, as the child DocType
		status, body = api.call(
			"PUT",
			f"/api/resource/Repair Work Item/{row.name}",
			{"description": "x"},
			token=tokens["assistant@ps.test"],
		)
		assert status == 403, body
		status, body = api.call(
			"DELETE", f"/api/resource/Repair Work Item/{row.name}", token=tokens["assistant@ps.test"]
		)
		assert status in (403, 417), body
		assert stored(other).items[0].description == "阀芯 Valve"
		status, html = page_as(
			api, f"/printview?doctype=Repair%20Work%20Item&name={row.name}", tokens["technician@ps.test"]
		)
		assert status == 403 or "阀芯" not in html, "a row prints with its record's permission"
	finally:
		cleanup("Repair Work Order", [own.name, other.name])


def test_new_rows_take_no_app_field_either(api, tokens):
	"""Frappe resets the app's columns in a record's stored rows, not in rows added with it."""
	existing = make_complaint(api.base)
	frappe.db.commit()
	made = []
	try:
		status, body = api.call(
			"POST",
			"/api/resource/Suggestion Box Opening",
			{
				"estate": api.base.estate,
				"slips": [
					{
						"slip_text": "伪造 Forged slip",
						"outcome": "Valid Complaint",
						"complaint": existing.name,
					}
				],
			},
			token=tokens["assistant@ps.test"],
		)
		assert status == 200, body
		made.append(body["data"]["name"])
		frappe.db.rollback()
		(slip,) = frappe.get_doc("Suggestion Box Opening", made[0]).slips
		assert slip.complaint != existing.name, "the slip's complaint is the one the app registered"
		assert (
			slip.complaint
			and frappe.db.get_value("Complaint Register", slip.complaint, "channel") == "Suggestion Box"
		)
	finally:
		for name in made:
			for slip in frappe.get_all("Suggestion Box Slip", {"parent": name}, pluck="complaint"):
				if slip:
					cleanup("Complaint Register", [slip])
		cleanup("Suggestion Box Opening", made)
		cleanup("Complaint Register", [existing.name])


def test_deadlines_do_not_move_through_the_times_staff_record(api, tokens):
	order = act(make_work_order(api.base, technician="technician@ps.test"), "Dispatch", "assistant@ps.test")
	complaint = act(make_complaint(api.base), "Accept", "assistant@ps.test")
	frappe.db.commit()
	visit_name = None
	try:
		token = tokens["assistant@ps.test"]
		status, body = api.call(
			"PUT",
			f"/api/resource/Repair Work Order/{order.name}",
			{"requested_on": str(add_to_date(now_datetime(), hours=3))},
			token=token,
		)
		assert status == 417, body
		assert stored(order).dispatch_due == order.dispatch_due
		for told in ("2020-01-01 00:00:00", str(add_to_date(now_datetime(), days=2)), ""):
			status, body = api.call(
				"PUT", f"/api/resource/Complaint Register/{complaint.name}", {"replied_on": told}, token=token
			)
			assert not stored(complaint).replied_on, "when the complainant was told is the app's"
		status, body = api.call(
			"POST",
			"/api/method/run_doc_method",
			{"method": "record_told", "dt": "Complaint Register", "dn": complaint.name},
			token=token,
		)
		assert status == 200, body
		told = stored(complaint).replied_on
		assert told and abs((get_datetime(told) - now_datetime()).total_seconds()) < 60
		status, body = api.call(
			"POST",
			"/api/method/run_doc_method",
			{"method": "record_told", "dt": "Complaint Register", "dn": complaint.name},
			token=token,
		)
		assert status == 417 and stored(complaint).replied_on == told, "recorded once"
		complaint = act(
			edit(stored(complaint), "assistant@ps.test", handling_result="已处理 Done"),
			"Resolve",
			"assistant@ps.test",
		)
		frappe.db.commit()
		visit_name = frappe.db.get_value("Return Visit", {"reference_name": complaint.name})
		status, body = api.call(
			"PUT", f"/api/resource/Return Visit/{visit_name}", {"due_on": FORGED}, token=token
		)
		assert status == 417, body
	finally:
		cleanup("Repair Work Order", [order.name])
		cleanup("Complaint Register", [complaint.name])


def test_staff_follow_and_tag_only_what_they_may_read(api, tokens):
	from frappe.desk.doctype.tag.tag import add_tag

	other_order = make_work_order(api.base, technician="technician2@ps.test")
	complaint = make_complaint(api.base)
	frappe.db.commit()
	try:
		frappe.set_user("assistant@ps.test")
		add_tag("急 Urgent", "Repair Work Order", other_order.name)
		add_tag("急 Urgent", "Complaint Register", complaint.name)  # a technician reads no complaint
		frappe.set_user("Administrator")
		frappe.db.commit()
		token = tokens["technician@ps.test"]
		frappe.db.set_value("User", "technician@ps.test", "document_follow_notify", 1)
		frappe.db.commit()
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "Tag Link", "fields": json.dumps(["document_name"]), "limit_page_length": 0},
			token=token,
		)
		assert status == 200 and other_order.name not in json.dumps(body), body
		assert complaint.name not in json.dumps(body), body
		status, body = api.call(
			"POST",
			"/api/method/frappe.desk.form.document_follow.follow_document",
			{"doctype": "Repair Work Order", "doc_name": other_order.name, "user": "technician@ps.test"},
			token=token,
		)
		assert status == 403 and not frappe.db.exists("Document Follow", {"ref_docname": other_order.name}), (
			body
		)
		status, body = api.call(
			"POST",
			"/api/resource/File",
			{
				"file_name": "x.txt",
				"content": "x",
				"attached_to_doctype": "Repair Work Order",
				"attached_to_name": other_order.name,
			},
			token=token,
		)
		assert status == 403, body
	finally:
		frappe.set_user("Administrator")
		frappe.db.set_value("User", "technician@ps.test", "document_follow_notify", 0)
		frappe.db.delete("Tag Link", {"document_name": ("in", [other_order.name, complaint.name])})
		cleanup("Complaint Register", [complaint.name])
		frappe.db.delete("Document Follow", {"ref_docname": other_order.name})
		cleanup("Repair Work Order", [other_order.name])


def test_residents_use_no_desk_action_and_print_no_office_form(api, residents):
	resident = frappe.get_value("Resident", {"user": residents[0]}, "name")
	complaint = make_complaint(api.base, resident=resident)
	frappe.db.commit()
	try:
		session = CookieSession(api.url, residents[0])
		token = session.page_token()
		status, _body = session.request("GET", f"/api/resource/Complaint Register/{complaint.name}")
		assert status == 200, "their own household's record reads"
		for path, form in (
			("/api/method/frappe.desk.form.utils.add_comment", {
				"reference_doctype": "Complaint Register", "reference_name": complaint.name,
				"content": "x", "comment_email": residents[0], "comment_by": "x"}),
			("/api/method/frappe.desk.form.assign_to.add", {"args": json.dumps({
				"doctype": "Complaint Register", "name": complaint.name, "assign_to": ["assistant@ps.test"]})}),
			("/api/method/frappe.desk.doctype.tag.tag.add_tag", {
				"tag": "x", "dt": "Complaint Register", "dn": complaint.name}),
			("/api/method/frappe.desk.form.document_follow.follow_document", {
				"doctype": "Complaint Register", "doc_name": complaint.name, "user": residents[0]}),
			("/api/method/frappe.www.printview.get_html_and_style", {
				"doc": "Complaint Register", "name": complaint.name, "print_format": "Complaint Register Entry"}),
			("/api/resource/ToDo", {"data": json.dumps({"description": "x", "allocated_to": "assistant@ps.test"})}),
		):  # fmt: skip
			status, body = session.post(path, form, token=token)
			assert status == 403, (path, body)
		status, html = session.request(
			"GET", f"/printview?doctype=Complaint Register&name={complaint.name}".replace(" ", "%20")
		)
		assert status == 403 or complaint.name not in html.decode(), (
			"the office's form does not print for them"
		)
	finally:
		cleanup("Complaint Register", [complaint.name])


# ---- the second attack on the running demo ----


def test_summaries_that_read_without_permission_rules_stay_within_them(api, tokens, residents):
	theirs = make_complaint(api.base, service_team=OTHER_TEAM, contact_phone="13700001234")
	frappe.db.commit()
	heatmap = {
		"document_type": "Complaint Register",
		"type": "Heatmap",
		"chart_type": "Sum",
		"value_based_on": "contact_phone",
		"based_on": "creation",
		"heatmap_year": now_datetime().year,
		"filters_json": json.dumps([["Complaint Register", "name", "=", theirs.name]]),
	}
	try:
		for token in (tokens["member@ps.test"],):
			status, body = api.call(
				"POST",
				"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				{"chart": json.dumps(heatmap), "no_cache": 1},
				token=token,
			)
			assert status == 403 and "13700001234" not in json.dumps(body), body
			status, body = api.call(
				"POST",
				"/api/method/frappe.desk.listview.get_group_by_count",
				{
					"doctype": "Complaint Register",
					"current_filters": json.dumps([["Complaint Register", "contact_phone", "like", "137%"]]),
					"field": "assigned_to",
				},
				token=token,
			)
			assert status == 403, body
		session = CookieSession(api.url, residents[0])
		token = session.page_token()
		status, body = session.post(
			"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{"chart": json.dumps(heatmap), "no_cache": 1},
			token=token,
		)
		assert status == 403 and "13700001234" not in json.dumps(body), body
	finally:
		cleanup("Complaint Register", [theirs.name])


def test_file_records_point_at_nothing_one_may_not_reach(api, tokens):
	other_order = make_work_order(api.base, technician="technician2@ps.test")
	phone = (
		f"137{frappe.generate_hash(length=8)}"  # content of its own: Frappe shares a stored file by content
	)
	secret = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"secret-{frappe.generate_hash(length=8)}.txt",
			"content": phone.encode(),
			"is_private": 1,
			"attached_to_doctype": "Repair Work Order",
			"attached_to_name": other_order.name,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	made = []
	try:
		token = tokens["technician@ps.test"]
		status, body = api.call(
			"POST",
			"/api/resource/File",
			{"file_name": "mine.txt", "content": "x", "is_private": 1},
			token=token,
		)
		assert status == 200, body
		mine = body["data"]["name"]
		made.append(mine)
		for change in (
			{"file_url": secret.file_url},
			{"attached_to_doctype": "Repair Work Order", "attached_to_name": other_order.name},
		):
			status, body = api.call("PUT", f"/api/resource/File/{mine}", change, token=token)
			assert status == 403, (change, body)
		status, body = api.call(
			"POST",
			"/api/resource/File",
			{"file_name": "borrowed.txt", "file_url": secret.file_url, "is_private": 1},
			token=token,
		)
		made += [body["data"]["name"]] if status == 200 else []
		assert status == 403, body
		status, html = page_as(api, secret.file_url, token)
		assert status == 403 and phone not in html
	finally:
		for name in made:
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.delete_doc("File", secret.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		cleanup("Repair Work Order", [other_order.name])


def test_a_signed_repair_keeps_its_work_and_charges(api, tokens):
	from tests.integration.factories import repair_and_sign

	order = make_work_order(api.base, warranty_status="Out of Warranty", callout_fee=30)
	order = repair_and_sign(
		order, items=[{"item_type": "Part", "description": "阀芯 Valve", "qty": 1, "rate": 45}]
	)
	frappe.db.commit()
	(row,) = order.items
	token = tokens["technician@ps.test"]
	try:
		for method, path, payload in (
			("PUT", f"/api/resource/Repair Work Order/{order.name}", {"items": []}),
			("PUT", f"/api/resource/Repair Work Order/{order.name}", {"callout_fee": 0}),
			(
				"POST",
				"/api/method/frappe.client.set_value",
				{"doctype": "Repair Work Item", "name": row.name, "fieldname": "rate", "value": 0.01},
			),
			("POST", "/api/method/frappe.client.delete", {"doctype": "Repair Work Item", "name": row.name}),
		):
			status, body = api.call(method, path, payload, token=token)
			assert status in (403, 417), (path, body)
		after = stored(order)
		assert [(r.description, r.rate) for r in after.items] == [("阀芯 Valve", 45)]
		assert after.total_charge == order.total_charge == 75
	finally:
		cleanup("Repair Work Order", [order.name])


def test_visits_are_narrowed_like_their_cases(api, tokens):
	theirs = act(make_complaint(api.base, service_team=OTHER_TEAM), "Accept", "assistant@ps.test")
	theirs = act(
		edit(theirs, "assistant@ps.test", handling_result="已处理 Done"), "Resolve", "assistant@ps.test"
	)
	visit = frappe.db.get_value("Return Visit", {"reference_name": theirs.name})
	frappe.db.commit()
	try:
		status, body = api.call(
			"POST",
			"/api/method/frappe.client.set_value",
			{
				"doctype": "Return Visit",
				"name": visit,
				"fieldname": json.dumps({"satisfied": "Satisfied", "opinions": "伪造 Forged"}),
			},
			token=tokens["member@ps.test"],
		)
		assert status == 403, body
		assert not stored(frappe.get_doc("Return Visit", visit)).satisfied
		for user in ("member@ps.test", "technician@ps.test"):
			status, body = api.call(
				"POST",
				"/api/method/frappe.client.get_list",
				{"doctype": "Return Visit", "fields": json.dumps(["name"]), "limit_page_length": 0},
				token=tokens[user],
			)
			assert status in (200, 403) and visit not in json.dumps(body), user
	finally:
		cleanup("Complaint Register", [theirs.name])


def test_a_team_member_does_not_move_an_actions_deadline_or_team(api, tokens):
	meta = frappe.get_meta("Survey Corrective Action")
	assert meta.get_field("due_on").permlevel == 1 and meta.get_field("service_team").permlevel == 1
	writers = {p.role for p in meta.permissions if p.permlevel == 1 and p.write}
	assert "Service Team Member" not in writers and "Customer Service Supervisor" in writers
	meta = frappe.get_meta("Meeting Action")
	assert meta.get_field("due_on").permlevel == 1
	assert "Service Team Member" not in {p.role for p in meta.permissions if p.permlevel == 1 and p.write}
	assert frappe.get_meta("Handling Notice").get_field("completed_on").permlevel == 2


def test_residents_change_no_desk_record(api, residents):
	resident = frappe.get_value("Resident", {"user": residents[0]}, "name")
	complaint = make_complaint(api.base, resident=resident)
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"description": "回电 Call back",
			"allocated_to": "assistant@ps.test",
			"reference_type": "Complaint Register",
			"reference_name": complaint.name,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	try:
		session = CookieSession(api.url, residents[0])
		token = session.page_token()
		for path, form in (
			("/api/method/frappe.desk.form.assign_to.add_multiple", {"doctype": "Complaint Register",
				"name": json.dumps([complaint.name]), "assign_to": json.dumps(["supervisor@ps.test"])}),
			("/api/method/frappe.desk.form.assign_to.remove", {"doctype": "Complaint Register",
				"name": complaint.name, "assign_to": "assistant@ps.test"}),
			("/api/method/frappe.desk.like.toggle_like", {"doctype": "Complaint Register",
				"name": complaint.name, "add": "Yes"}),
			("/api/method/frappe.desk.search.get_link_title", {"doctype": "Resident", "docname": resident}),
		):  # fmt: skip
			status, body = session.post(path, form, token=token)
			assert status == 403, (path, body)
		assert (
			frappe.db.get_value(
				"ToDo", {"reference_name": complaint.name, "allocated_to": "assistant@ps.test"}, "status"
			)
			== "Open"
		)
	finally:
		frappe.db.delete("ToDo", {"reference_name": complaint.name})
		cleanup("Complaint Register", [complaint.name])


def test_the_company_name_and_logo_carry_no_markup_to_the_login_page(api):
	"""A property manager writes the company's name and logo; Frappe's login page and desk put them in
	the page as they are (and cleans no Attach Image value), so markup there would run in everyone's
	browser, an administrator's signing in too."""
	import urllib.request

	manager = frappe.get_doc("User", "manager@ps.test")
	manager.api_key = manager.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	manager.api_secret = secret
	manager.save(ignore_permissions=True)
	frappe.db.commit()
	token = f"{manager.api_key}:{secret}"
	before = frappe.db.get_values_from_single(
		["company_name", "company_logo"], None, "Property Service Settings", as_dict=True
	)[0]
	path = "/api/resource/Property Service Settings/Property Service Settings"
	for payload in (
		{"company_logo": '/files/logo.png" onerror="alert(document.cookie)'},
		{"company_logo": "javascript:alert(1)"},
		{"company_name": '翠湖物业<a href="https://evil.example/">请重新登录</a>'},
	):
		status, body = api.call("PUT", path, payload, token=token)
		assert status == 417, (payload, body)
	request = urllib.request.Request(api.url + "/login", headers={"Host": SITE})
	with urllib.request.urlopen(request, timeout=120) as response:
		page = response.read().decode()
	assert "onerror" not in page and "evil.example" not in page
	frappe.db.rollback()
	after = frappe.db.get_values_from_single(
		["company_name", "company_logo"], None, "Property Service Settings", as_dict=True
	)[0]
	assert after == before
	# a plain name and an uploaded logo are still taken
	status, body = api.call("PUT", path, {"company_logo": "/files/公司 标志.png"}, token=token)
	assert status == 200, body
	frappe.db.rollback()
	frappe.get_single("Property Service Settings").update(before).save()
	frappe.db.commit()


def test_the_workspace_figures_count_only_what_the_reader_may_read(api, tokens):
	"""The satisfaction card counts the visits the reader may read (a technician's own orders'), and a
	chart answers no range so long that one request keeps a worker busy for a minute."""
	from tests.integration.factories import repair_and_sign

	order = repair_and_sign(make_work_order(api.base))
	visit = frappe.db.get_value(
		"Return Visit", {"reference_doctype": "Repair Work Order", "reference_name": order.name}
	)
	assert visit
	frappe.db.set_value("Return Visit", visit, {"completed_on": now_datetime(), "satisfied": "Not Satisfied"})
	frappe.db.commit()
	method = "/api/method/property_service.dashboard."
	other = frappe.get_doc("User", "technician2@ps.test")
	other.api_key = other.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	other.api_secret = secret
	other.save(ignore_permissions=True)
	frappe.db.commit()
	tokens = {**tokens, "technician2@ps.test": f"{other.api_key}:{secret}"}
	try:
		status, body = api.call(
			"POST", method + "satisfaction_this_month", {}, token=tokens["supervisor@ps.test"]
		)
		assert status == 200 and body["message"] != "—", body
		status, body = api.call(
			"POST", method + "satisfaction_this_month", {}, token=tokens["technician2@ps.test"]
		)
		assert status == 200 and body["message"] == "—", "none of the visits are of technician2's orders"
		status, body = api.call(
			"POST",
			method + "complaints_by_month",
			{"timespan": "Select Date Range", "from_date": "1000-01-01", "time_interval": "Daily"},
			token=tokens["supervisor@ps.test"],
		)
		assert status == 417, body
	finally:
		frappe.db.set_value("Return Visit", visit, {"completed_on": None, "satisfied": ""})
		frappe.db.commit()
		cleanup("Repair Work Order", [order.name])
