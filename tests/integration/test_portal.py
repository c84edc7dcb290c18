"""The resident portal on a real site: two residents of two households, every path between them."""

import base64
from html import unescape
from urllib.parse import parse_qsl

import frappe
import frappe.desk.query_report
import pytest
from frappe.utils import add_to_date, now_datetime

from property_service import portal
from property_service.exceptions import PortalError, SurveyError
from tests.integration.factories import (
	SIGNATURE,
	STAFF,
	act,
	complete_notice,
	edit,
	ensure_base_data,
	ensure_resident_user,
	issue_notice,
	make_complaint,
)

PNG = base64.b64decode(SIGNATURE.split(",")[1])
PHOTO = {"filename": "leak.png", "data": "data:image/png;base64," + base64.b64encode(PNG).decode()}


@pytest.fixture(scope="module")
def base():
	base = ensure_base_data()
	base.users = []
	for resident, email in zip(base.residents, ("owner101@ps.test", "owner102@ps.test"), strict=True):
		base.users.append(ensure_resident_user(resident, email))
	frappe.db.commit()
	return base


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def page(user: str, route: str) -> tuple[int, str]:
	from frappe.utils import set_request
	from frappe.website.serve import get_response

	had_request = hasattr(frappe.local, "request")
	previous = getattr(frappe.local, "request", None)
	frappe.set_user(user)
	try:
		path, _, query = route.partition("?")
		set_request(method="GET", path=path, query_string=query)
		frappe.local.form_dict = frappe._dict(parse_qsl(query))
		response = get_response(path.strip("/"))
		return response.status_code, response.get_data(as_text=True)
	finally:
		frappe.set_user("Administrator")
		frappe.local.flags.redirect_location = None  # a request's flags end with it
		frappe.local.no_cache = None
		if had_request:
			frappe.local.request = previous
		else:
			del frappe.local.request


def http_call(cmd: str, **form):
	"""A whitelisted method as /api/method/<cmd> resolves it, overrides included."""
	from frappe.handler import execute_cmd
	from frappe.utils import set_request

	set_request(method="POST", path=f"/api/method/{cmd}")
	try:
		frappe.local.form_dict = frappe._dict(cmd=cmd, **form)
		return execute_cmd(cmd)
	finally:
		del frappe.local.request


def file_complaint(user, **values):
	values = {
		"summary": "楼上漏水 Leak from above",
		"description": "卫生间滴水 Dripping",
		"photos": [PHOTO],
		**values,
	}
	return as_user(user, portal.file_complaint, **values)


def test_a_resident_files_a_complaint_with_a_photo_and_sees_it(base):  # IN-1
	name = file_complaint(base.users[0])
	complaint = frappe.get_doc("Complaint Register", name)
	assert (complaint.channel, complaint.resident, complaint.property_unit) == (
		"Web Portal",
		base.residents[0],
		frappe.db.get_value("Resident", base.residents[0], "property_unit"),
	)
	assert complaint.registered_by is None, "nobody at the desk registered it"
	assert complaint.acceptance_due, "the deadlines run as for any complaint"
	(photo,) = frappe.get_all(
		"File", filters={"attached_to_name": name}, fields=["name", "is_private", "file_url"]
	)
	assert photo.is_private

	status, html = page(base.users[0], f"/my-requests/detail?kind=complaint&name={name}")
	assert status == 200 and "楼上漏水" in html and photo.file_url in html
	status, html = page(base.users[0], "/my-requests")
	assert name in html


def test_another_household_reaches_nothing_of_it_by_any_path(base):  # isolation
	name = file_complaint(base.users[0])
	photo = frappe.get_last_doc("File", filters={"attached_to_name": name})
	other = base.users[1]

	status, html = page(other, f"/my-requests/detail?kind=complaint&name={name}")
	assert status == 404 and "楼上漏水" not in html
	assert page(base.users[0], f"/my-requests/detail?kind=complaint&name={name}")[0] == 200, (
		"the probe is not cached"
	)
	assert name not in page(other, "/my-requests")[1]
	owner = base.users[0]
	# a resident reads their own household's record (the portal's steps are their own workflow
	# transitions, which need it), through no desk screen, and nothing of another household's
	assert frappe.has_permission("Complaint Register", "read", name, user=owner)
	assert not frappe.has_permission("Complaint Register", "read", name, user=other)
	with pytest.raises(frappe.PermissionError):
		as_user(other, frappe.client.get, "Complaint Register", name)
	assert name not in as_user(other, frappe.get_list, "Complaint Register", pluck="name")
	assert name in as_user(owner, frappe.get_list, "Complaint Register", pluck="name")
	assert not as_user(
		other, http_call, "frappe.client.get_count", doctype="Complaint Register", filters={"name": name}
	)
	for user in base.users:
		with pytest.raises(frappe.PermissionError):
			as_user(user, frappe.desk.query_report.run, "Dispatch Queue")
		with pytest.raises(frappe.PermissionError):
			as_user(user, http_call, "frappe.desk.form.load.getdoc", doctype="Complaint Register", name=name)
		with pytest.raises(frappe.PermissionError):
			as_user(
				user, http_call, "frappe.desk.form.load.get_docinfo", doctype="Complaint Register", name=name
			)
	# the photo: its uploader may open it, nobody else in the portal
	assert frappe.get_doc("File", photo.name).has_permission("read", user=base.users[0])
	assert not frappe.get_doc("File", photo.name).has_permission("read", user=other)
	with pytest.raises(frappe.DoesNotExistError):
		as_user(other, portal.answer_visit, visit="RV-0000-00000", satisfied="Satisfied")


def test_bad_input_is_refused_and_nothing_is_stored(base):
	user = base.users[0]
	before = (frappe.db.count("Complaint Register"), frappe.db.count("File"))
	exe = {"filename": "photo.jpg", "data": base64.b64encode(b"MZ\x90\x00 not a picture").decode()}
	cases = [
		{"photos": [exe]},  # content is not what the name says
		{"photos": [{"filename": "run.exe", "data": base64.b64encode(b"MZ\x90").decode()}]},
		{"photos": [{"filename": "x.png", "data": "%%%not base64%%%"}]},
		{"photos": [PHOTO] * 7},  # more than the setting allows
		{"summary": ""},
		{"summary": "x" * 141},
		{"description": "长" * 2001},
		{"summary": {"not": "text"}},
		{"category": "No Such Category"},
	]
	for values in cases:
		with pytest.raises(PortalError):
			file_complaint(user, **values)
	frappe.db.set_single_value("Property Service Settings", "portal_attachment_max_kb", 0)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	with pytest.raises(PortalError, match="KB"):
		file_complaint(user)
	assert (frappe.db.count("Complaint Register"), frappe.db.count("File")) == before


def test_portal_requests_are_rate_limited_per_resident(base):
	frappe.db.set_single_value("Property Service Settings", "portal_requests_per_hour", 2)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	file_complaint(base.users[0], photos=[])
	as_user(
		base.users[0],
		portal.request_repair,
		problem="水龙头漏水",
		appointment_time=add_to_date(now_datetime(), hours=3),
	)
	count = frappe.db.count("Complaint Register")
	with pytest.raises(frappe.RateLimitExceededError):
		file_complaint(base.users[0], photos=[])
	assert frappe.db.count("Complaint Register") == count
	file_complaint(base.users[1], photos=[])  # the other household is not held back


def test_a_photo_is_decoded_and_written_afresh_or_refused(base):
	"""A PNG header over an HTML body is no photo; a real photo with a script riding after it is written
	out again without it."""
	polyglot = PNG[:16] + b"<html><script>alert(document.cookie)</script></html>"
	riding = PNG + b"<script>alert(document.cookie)</script>"
	with pytest.raises(PortalError):
		file_complaint(
			base.users[0],
			photos=[{"filename": "x.png", "data": base64.b64encode(polyglot).decode()}],
		)
	name = file_complaint(
		base.users[0], photos=[{"filename": "y.png", "data": base64.b64encode(riding).decode()}]
	)
	file = frappe.get_last_doc("File", filters={"attached_to_name": name})
	content = file.get_content()
	assert content.startswith(b"\x89PNG") and b"<script>" not in content
	# a GIF's comment block is metadata too
	import io

	from PIL import Image

	gif = io.BytesIO()
	Image.new("P", (4, 4)).save(gif, "GIF", comment=b"<script>alert(1)</script>")
	assert b"<script>" in gif.getvalue()
	name = file_complaint(
		base.users[0], photos=[{"filename": "z.gif", "data": base64.b64encode(gif.getvalue()).decode()}]
	)
	content = frappe.get_last_doc("File", filters={"attached_to_name": name}).get_content()
	assert content.startswith(b"GIF8") and b"<script>" not in content


def test_residents_reach_no_tag_and_upload_only_through_the_portal(base):
	name = file_complaint(base.users[0], photos=[])
	from frappe.desk.doctype.tag.tag import add_tag

	as_user("assistant@ps.test", add_tag, "重点 Watch", "Complaint Register", name)
	assert frappe.get_all("Tag Link", filters={"document_name": name})
	for user in base.users:
		assert not as_user(user, frappe.get_list, "Tag Link", fields=["document_name", "title"])
	with pytest.raises(frappe.PermissionError):
		as_user(
			base.users[0],
			frappe.client.insert,
			{"doctype": "File", "file_name": "z.png", "content": PNG, "is_private": 1},
		)


def test_guests_and_unlinked_accounts_are_refused(base):
	with pytest.raises(frappe.PermissionError):
		as_user("Guest", portal.file_complaint, summary="x")
	with pytest.raises(frappe.PermissionError):
		as_user("assistant@ps.test", portal.file_complaint, summary="x")
	status, _html = page("Guest", "/my-requests")
	assert status in (301, 302)


def test_a_resident_confirms_a_repair_and_rates_it(base):  # WO-4
	name = as_user(
		base.users[0],
		portal.request_repair,
		problem="厨房水龙头漏水 Kitchen tap drips",
		appointment_time=add_to_date(now_datetime(), hours=3),
		photos=[PHOTO],
	)
	order = frappe.get_doc("Repair Work Order", name)
	assert order.photos and order.photos[0].photo.startswith("/private/files/")
	order = edit(order, "assistant@ps.test", technician="technician@ps.test")
	order = act(order, "Dispatch", "assistant@ps.test")
	order = act(order, "Start Work", "technician@ps.test")
	order = edit(order, "technician@ps.test", diagnosis="阀芯老化", work_done="更换阀芯 Valve replaced")
	order = act(order, "Complete", "technician@ps.test")

	with pytest.raises(frappe.DoesNotExistError):
		as_user(
			base.users[1],
			portal.confirm_repair,
			order=name,
			satisfied="Satisfied",
			resident_signature=SIGNATURE,
		)
	with pytest.raises(PortalError):
		as_user(base.users[0], portal.confirm_repair, order=name, satisfied="Satisfied")  # not signed
	as_user(
		base.users[0],
		portal.confirm_repair,
		order=name,
		satisfied="Satisfied",
		comment="修好了",
		resident_signature=SIGNATURE,
	)
	order.reload()
	assert (order.status, order.resident_satisfied, order.resident_comment) == (
		"Verified",
		"Satisfied",
		"修好了",
	)
	# the resident did it, and the record says so: not the technician, not Administrator (the
	# version history's author is checked over HTTP, test_evidence.py: tests make no versions)
	assert order.modified_by == base.users[0]
	workflow_comment = frappe.get_last_doc(
		"Comment", filters={"reference_name": name, "comment_type": "Workflow"}
	)
	assert workflow_comment.owner == base.users[0]


def test_a_resident_answers_the_return_visit_and_reopens_the_case(base):  # RV-7
	from tests.integration.factories import make_complaint

	complaint = make_complaint(base)
	complaint = act(complaint, "Accept", "assistant@ps.test")
	complaint = edit(complaint, "assistant@ps.test", handling_result="已维修 Fixed")
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	visit = frappe.get_last_doc("Return Visit", filters={"reference_name": complaint.name})
	status, html = page(base.users[0], f"/my-requests/detail?kind=complaint&name={complaint.name}")
	assert status == 200 and "ps-answer" in html, html[-3000:]
	with pytest.raises(PortalError):
		as_user(base.users[0], portal.answer_visit, visit=visit.name, satisfied="Maybe")
	as_user(
		base.users[0],
		portal.answer_visit,
		visit=visit.name,
		satisfied="Not Satisfied",
		comment="还在漏 Still leaking",
		resident_signature=SIGNATURE,
	)
	assert frappe.db.get_value("Complaint Register", complaint.name, "status") == "Reopened"
	# the visit's answer and the complaint's reopening are the resident's own
	assert frappe.db.get_value("Return Visit", visit.name, "modified_by") == base.users[0]
	assert frappe.db.get_value("Complaint Register", complaint.name, "modified_by") == base.users[0]
	with pytest.raises(PortalError, match="answered"):
		as_user(
			base.users[0],
			portal.answer_visit,
			visit=visit.name,
			satisfied="Satisfied",
			resident_signature=SIGNATURE,
		)


def test_a_household_answers_an_open_survey_once(base):  # SV-4
	from tests.integration.test_opinion_surveys import approved_and_open

	survey = approved_and_open(base)
	status, html = page(base.users[0], "/my-requests")
	assert survey.name in html
	status, html = page(base.users[0], f"/my-requests/survey?name={survey.name}")
	assert status == 200 and ("Cleaning" in html or "保洁" in html)
	name = as_user(
		base.users[0],
		portal.answer_survey,
		survey=survey.name,
		ratings={"Cleaning": "Satisfied"},
		comments="好",
	)
	response = frappe.get_doc("Survey Response", name)
	assert (response.entry, response.resident) == ("Web Portal", base.residents[0])
	with pytest.raises(SurveyError, match="already answered"):
		as_user(base.users[0], portal.answer_survey, survey=survey.name, ratings={"Cleaning": "Satisfied"})
	with pytest.raises(PortalError):
		as_user(base.users[1], portal.answer_survey, survey=survey.name, ratings={"Cleaning": "<script>"})
	assert page(base.users[0], f"/my-requests/survey?name={survey.name}")[0] == 404, "answered: no form again"


def test_the_front_desk_invites_a_resident_to_the_portal(base):
	building = frappe.db.get_value("Building", {"estate": base.estate})
	unit = frappe.get_doc({"doctype": "Property Unit", "building": building, "unit_number": "909"}).insert()
	resident = frappe.get_doc(
		{
			"doctype": "Resident",
			"full_name": "赵新 Zhao Xin",
			"phone": "13800000909",
			"property_unit": unit.name,
		}
	).insert()
	resident = frappe.get_doc("Resident", resident.name)
	with pytest.raises(frappe.ValidationError, match="email"):
		as_user("assistant@ps.test", resident.invite_to_portal)
	resident.db_set("email", "zhaoxin909@ps.test")
	user = as_user("assistant@ps.test", frappe.get_doc("Resident", resident.name).invite_to_portal)
	assert frappe.db.get_value("User", user, "user_type") == "Website User"
	assert "Resident" in frappe.get_roles(user)
	assert frappe.db.get_value("Resident", resident.name, "user") == user
	with pytest.raises(frappe.ValidationError, match="already"):
		as_user("assistant@ps.test", frappe.get_doc("Resident", resident.name).invite_to_portal)
	with pytest.raises(frappe.PermissionError):
		as_user("technician@ps.test", frappe.get_doc("Resident", resident.name).invite_to_portal)
	assert as_user(user, portal.current_resident).name == resident.name


def in_language(lang: str, fn, *args):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return fn(*args)
	finally:
		frappe.local.lang = previous


def test_residents_see_staff_by_name_never_by_address(base):  # names, not addresses
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	complete_notice(issue_notice(complaint))  # the team head signs: the result names them
	complaint.reload()
	assert "head@ps.test" not in complaint.handling_result
	# a result written before results named the signer holds the address, as older records do
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		"handling_result",
		f"{complaint.handling_result}\n{complaint.name}-0, signed off by head@ps.test: 已处理",
		update_modified=False,
	)
	route = f"/my-requests/detail?kind=complaint&name={complaint.name}"
	status, html = page(base.users[0], route)
	assert status == 200
	assert frappe.utils.get_fullname("head@ps.test") in html
	assert not [email for email in STAFF if email in html], "no staff address on the portal"


def test_the_progress_steps_speak_the_residents_language(base):
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	route = f"/my-requests/detail?kind=complaint&name={complaint.name}"
	html = in_language("zh", page, base.users[0], route)[1]
	assert "已收到投诉" in html and "已受理" in html
	assert "Complaint received" not in html and "Accepted" not in html
	html = in_language("en", page, base.users[0], route)[1]
	assert "Complaint received" in html


def test_survey_results_lead_back_to_my_requests(base):
	status, html = page(base.users[0], "/survey-results")
	assert status == 200 and 'href="/my-requests"' in html
	assert page("Guest", "/survey-results")[0] in (301, 302), "a guest is sent to log in"


def test_the_household_reads_the_written_answer_and_how_to_appeal_once_sent(base):  # IN-10, IN-11
	from tests.integration.factories import STEPS_RECORDED, investigate_and_decide

	complaint = investigate_and_decide(act(make_complaint(base), "Accept", "assistant@ps.test"))
	complaint = edit(
		complaint, "assistant@ps.test", appeal_procedure="请致电客服中心主任 Call the centre's head"
	)
	route = f"/my-requests/detail?kind=complaint&name={complaint.name}"
	status, html = page(base.users[0], route)
	assert status == 200 and "Call the centre" not in html  # decided, not yet sent
	assert STEPS_RECORDED["written_answer"] not in html

	frappe.set_user("assistant@ps.test")
	try:
		frappe.get_doc(complaint.doctype, complaint.name).record_final_answer()
	finally:
		frappe.set_user("Administrator")
	status, html = page(base.users[0], route)
	assert status == 200
	html = unescape(html)
	assert STEPS_RECORDED["written_answer"] in html and "Call the centre" in html
	assert "Written answer sent" in html
	# another household sees nothing of it
	assert page(base.users[1], route)[0] == 404
