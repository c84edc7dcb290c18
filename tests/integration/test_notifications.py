"""What residents are told, on a real site: each notification once, to the right person, by email
(the Email Queue) and by text message (SMS Settings pointed at a gateway this test runs), not again
when the document is saved again, and not at all when the office switches it off."""

import json
import re
import threading
from email import message_from_string, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import frappe
import pytest
from frappe.modules.import_file import import_file_by_path

from property_service.controllers import notifications
from tests.integration.factories import (
	act,
	edit,
	ensure_base_data,
	ensure_estate,
	issue_notice,
	make_complaint,
	make_work_order,
)

EMAIL = "li.ming.101@ps.test"
NEIGHBOUR = "wang.fang.102@ps.test"
MEASURES = "关闭总阀，明天上午更换立管 Main valve shut, riser replaced tomorrow morning"
RESULT = "已更换立管 Riser replaced"
NOTIFICATION_DIR = Path(notifications.__file__).parents[1] / "property_service" / "notification"


@pytest.fixture(autouse=True)
def fresh_caches():
	"""The test's writes are rolled back; what Redis cached from them must go too (the enabled
	notifications of each doctype, the settings)."""
	yield
	frappe.db.rollback()
	frappe.cache.delete_key("notifications")
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")


@pytest.fixture
def base():
	base = ensure_base_data()
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		# where the office's mail goes out; in tests it is queued, not sent
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Test Outgoing",
				"email_id": "service@ps.test",
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
	# no portal account unless a test gives one (the portal tests keep theirs)
	frappe.db.set_value("Resident", base.residents[0], {"email": EMAIL, "user": None})
	frappe.db.set_value("Resident", base.residents[1], {"email": NEIGHBOUR, "user": None})
	base.phone = frappe.db.get_value("Resident", base.residents[0], "phone")
	base.neighbour_phone = frappe.db.get_value("Resident", base.residents[1], "phone")
	return base


@pytest.fixture
def gateway():
	"""An SMS gateway on a local port, and Frappe's SMS Settings posting to it: the texts it got."""
	received = []

	class Gateway(BaseHTTPRequestHandler):
		def do_POST(self):
			body = self.rfile.read(int(self.headers["Content-Length"])).decode()
			received.append({key: values[0] for key, values in parse_qs(body).items()})
			self.send_response(200)
			self.end_headers()
			self.wfile.write(b"OK")

		def log_message(self, *args):
			pass

	server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	sms = frappe.get_doc("SMS Settings")
	sms.update(
		{
			"sms_gateway_url": f"http://127.0.0.1:{server.server_port}/send",
			"message_parameter": "text",
			"receiver_parameter": "to",
			"use_post": 1,
		}
	)
	sms.save()
	try:
		yield received
	finally:
		server.shutdown()
		server.server_close()


def mails_to(email: str, reference: str, marker: str = "") -> list[frappe._dict]:
	"""The emails queued for `email` about `reference` (whose subject has `marker`), decoded."""
	queue, recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
	messages = (
		frappe.qb.from_(queue)
		.join(recipient)
		.on(recipient.parent == queue.name)
		.select(queue.message)
		.where((recipient.recipient == email) & (queue.reference_name == reference))
		.run(pluck=True)
	)
	return [mail for mail in map(decoded, messages) if marker in mail.subject]


def decoded(raw: str) -> frappe._dict:
	message = message_from_string(raw, policy=policy.default)
	html = message.get_body(preferencelist=("html",))
	return frappe._dict(subject=str(message["Subject"]), html=html.get_content() if html else "")


def texts_to(received: list[dict], phone: str, marker: str) -> list[str]:
	return [text["text"] for text in received if text["to"] == phone and marker in text["text"]]


def switched(setting: str, on: bool):
	"""As the office switches it in Property Service Settings."""
	settings = frappe.get_doc("Property Service Settings")
	settings.set(setting, int(on))
	settings.save()


def resave(doc):
	"""Saved again without the change its notification is about (a retry, a second click)."""
	doc = frappe.get_doc(doc.doctype, doc.name)
	doc.save(ignore_permissions=True)


def zh(source: str) -> str:
	"""`source` as a Chinese-reading resident reads it."""
	return frappe._(source, lang="zh")


def said(source: str) -> str:
	"""The longest stretch of what `source` says in Chinese around its placeholders: how its text is
	told from the other texts."""
	return max(re.split(r"\{\d\}", zh(source)), key=len)


# how each case notification is brought about, its email's subject and its text
def accept(base):
	return act(make_complaint(base), "Accept", "assistant@ps.test")


def tell_measures(base):  # HN-3
	complaint = accept(base)
	edit(issue_notice(complaint), "member@ps.test", remedial_measures=MEASURES)
	frappe.set_user("assistant@ps.test")
	try:
		complaint = frappe.get_doc("Complaint Register", complaint.name)
		complaint.record_told()
		return complaint
	finally:
		frappe.set_user("Administrator")


def resolve(base):  # IN-6
	complaint = edit(accept(base), "assistant@ps.test", handling_result=RESULT)
	return act(complaint, "Resolve", "assistant@ps.test")


def dispatch(base):  # WO-2
	order = edit(make_work_order(base), "assistant@ps.test", technician="technician@ps.test")
	return act(order, "Dispatch", "assistant@ps.test")


def ask_view(base):  # RV-1: resolving schedules the return visit
	complaint = resolve(base)
	return frappe.get_last_doc("Return Visit", filters={"reference_name": complaint.name})


CASES = {
	"notify_complaint_accepted": (
		accept,
		"Your complaint {0} is accepted",
		"Your complaint {0} has been accepted; we will tell you what is being done by {1}.",
	),
	"notify_remedial_measures": (
		tell_measures,
		"What is being done about your complaint {0}",
		"What is being done about your complaint {0}: {1}",
	),
	"notify_complaint_resolved": (
		resolve,
		"Your complaint {0} is resolved",
		"Your complaint {0} has been resolved; we will ask you whether you are satisfied.",
	),
	"notify_technician_dispatched": (
		dispatch,
		"A technician is coming for your repair {0}",
		"Your repair {0}: technician {1} will come at {2}.",
	),
	"notify_visit_asks_view": (
		ask_view,
		"How did we do with {0}?",
		"We will contact you by {1} to ask whether you are satisfied with how {0} was handled.",
	),
}


def subject_of(doc, source: str) -> str:
	# a return visit's subject names the case it asks about
	return zh(source).format(doc.get("reference_name") or doc.name)


@pytest.mark.parametrize("switch", CASES)
def test_the_resident_is_told_once_by_email_and_by_text(base, gateway, switch):
	bring_about, subject, text = CASES[switch]
	doc = bring_about(base)
	(mail,) = mails_to(EMAIL, doc.name, subject_of(doc, subject))
	assert len(texts_to(gateway, base.phone, said(text))) == 1, gateway
	resave(doc)
	assert len(mails_to(EMAIL, doc.name, subject_of(doc, subject))) == 1, (
		"a second save sends no second email"
	)
	assert len(texts_to(gateway, base.phone, said(text))) == 1, "nor a second text"
	assert not mails_to(NEIGHBOUR, doc.name) and not texts_to(gateway, base.neighbour_phone, "")


@pytest.mark.parametrize("switch", CASES)
def test_a_notification_switched_off_sends_nothing(base, gateway, switch):
	switched(switch, False)
	bring_about, subject, text = CASES[switch]
	doc = bring_about(base)
	assert not mails_to(EMAIL, doc.name, subject_of(doc, subject))
	assert not texts_to(gateway, base.phone, said(text))


def test_what_the_resident_reads(base):
	complaint = accept(base)
	(mail,) = mails_to(EMAIL, complaint.name)
	assert mail.subject == zh("Your complaint {0} is accepted").format(complaint.name)
	assert zh("Dear {0},").format("李明") in mail.html and complaint.summary in mail.html
	complaint = edit(complaint, "assistant@ps.test", handling_result="已更换立管 <b>Riser</b> replaced")
	complaint = act(complaint, "Resolve", "assistant@ps.test")
	(mail,) = mails_to(EMAIL, complaint.name, zh("Your complaint {0} is resolved").format(complaint.name))
	assert "已更换立管 &lt;b&gt;Riser&lt;/b&gt; replaced" in mail.html, "what staff typed is text, not HTML"


def test_the_measures_decided_are_told(base, gateway):  # HN-3
	complaint = tell_measures(base)
	subject = zh("What is being done about your complaint {0}").format(complaint.name)
	(mail,) = mails_to(EMAIL, complaint.name, subject)
	assert MEASURES in mail.html
	(text,) = texts_to(gateway, base.phone, said("What is being done about your complaint {0}: {1}"))
	assert MEASURES[:20] in text


def test_the_resident_hears_who_comes_and_when(base, gateway):  # WO-2
	order = dispatch(base)
	technician = frappe.utils.get_fullname("technician@ps.test")
	(mail,) = mails_to(EMAIL, order.name)
	assert technician in mail.html
	assert frappe.utils.format_datetime(order.appointment_time, "yyyy-MM-dd HH:mm") in mail.html
	(text,) = gateway
	assert technician in text["text"] and order.name in text["text"]
	assert frappe.utils.format_datetime(order.appointment_time, "MM-dd HH:mm") in text["text"]


def test_each_text_is_on_the_case_timeline(base, gateway):
	errors = frappe.db.count("Error Log")
	order = dispatch(base)
	assert frappe.db.count("Error Log") == errors, "no error left behind (v15's send_sms leaves one)"
	(sent,) = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": order.doctype,
			"reference_name": order.name,
			"communication_medium": "SMS",
		},
		fields=["phone_no", "content", "communication_type"],
	)
	assert sent.phone_no == base.phone and sent.content == gateway[0]["text"]
	assert sent.communication_type == "Automated Message"


def test_the_signature_the_provider_asks_for_starts_each_text(base, gateway):
	settings = frappe.get_doc("Property Service Settings")
	settings.sms_signature = "【测试物业】"
	settings.save()
	accept(base)
	(text,) = gateway
	assert text["text"].startswith("【测试物业】")


def test_a_resident_whose_account_is_in_english_reads_english(base):
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": "li.ming.portal@ps.test",
			"first_name": "Li Ming",
			"user_type": "Website User",
			"language": "en",
			"send_welcome_email": 0,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Resident", base.residents[0], "user", user.name)
	complaint = accept(base)
	(mail,) = mails_to(EMAIL, complaint.name)
	assert mail.subject == f"Your complaint {complaint.name} is accepted"
	assert "/my-requests" in mail.html, "a resident with an account is shown where to follow it"


def test_staff_hear_of_their_assignment_through_frappe(base):
	order = dispatch(base)
	logs = {"for_user": "technician@ps.test", "document_name": order.name, "type": "Assignment"}
	assert frappe.db.count("Notification Log", logs) == 1
	resave(order)
	assert frappe.db.count("Notification Log", logs) == 1


def test_without_a_gateway_nothing_is_texted_and_no_one_is_told_to_set_one(base):
	frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
	errors = frappe.db.count("Error Log")
	frappe.local.message_log = []
	complaint = accept(base)
	assert not frappe.db.exists(
		"Communication", {"reference_name": complaint.name, "communication_medium": "SMS"}
	)
	assert not frappe.get_message_log() and frappe.db.count("Error Log") == errors


def test_install_and_migrate_put_each_notification_in_place():
	on_disk = {json.loads(path.read_text())["name"] for path in NOTIFICATION_DIR.glob("*/*.json")}
	assert on_disk == {name for names in notifications.SWITCHES.values() for name in names}
	on_site = frappe.get_all(
		"Notification", filters={"module": "Property Service", "is_standard": 1}, pluck="name"
	)
	assert set(on_site) == on_disk


def test_every_switch_has_its_notifications_and_every_notification_its_switch():
	"""One map (notifications.SWITCHES): each switch in the settings turns at least one shipped
	Notification on or off, each shipped Notification has exactly one switch, and every switch the
	office sees under Residents Are Told is in the map or is the survey's own (SURVEY_SWITCH)."""
	shipped = {json.loads(path.read_text())["name"] for path in NOTIFICATION_DIR.glob("*/*.json")}
	assert shipped
	switches_of = {
		name: [f for f, names in notifications.SWITCHES.items() if name in names] for name in shipped
	}
	assert all(len(switches) == 1 for switches in switches_of.values()), switches_of
	meta = frappe.get_meta("Property Service Settings")
	for field, names in notifications.SWITCHES.items():
		assert names and set(names) <= shipped, field
		assert meta.get_field(field).fieldtype == "Check", field
	office_switches = {
		df.fieldname for df in meta.fields if df.fieldtype == "Check" and df.fieldname.startswith("notify_")
	}
	assert office_switches == {*notifications.SWITCHES, notifications.SURVEY_SWITCH}


def test_a_migrate_keeps_the_office_switch(base):
	switched("notify_complaint_accepted", False)
	assert not frappe.db.get_value("Notification", "Complaint Accepted", "enabled")
	assert not frappe.db.get_value("Notification", "Complaint Accepted by SMS", "enabled")
	# as migrate re-syncs the standard record from its file (enabled there), then runs after_migrate
	import_file_by_path(str(NOTIFICATION_DIR / "complaint_accepted" / "complaint_accepted.json"), force=True)
	assert not frappe.db.get_value("Notification", "Complaint Accepted", "enabled")
	notifications.apply_switches()
	assert not frappe.db.get_value("Notification", "Complaint Accepted", "enabled")
	assert frappe.db.get_value("Notification", "Complaint Resolved", "enabled") == 1


SURVEY_ESTATE = "通知测试小区 Notification Test Estate"


@pytest.fixture
def estate(base):
	"""An estate of its own: its owner of 101 shares email and phone with the tenant, 102 has no email."""
	estate = ensure_estate(
		SURVEY_ESTATE,
		{"1栋": [("101", "张伟", "13900000101"), ("102", "刘洋", "13900000102")]},
	)
	frappe.db.set_value("Resident", estate.residents[0], "email", "zhang.wei@ps.test")
	frappe.get_doc(
		{
			"doctype": "Resident",
			"full_name": "张伟家租户 Tenant",
			"phone": "13900000101",
			"email": "Zhang.Wei@ps.test",
			"resident_type": "Tenant",
			"property_unit": estate.units[0],
		}
	).insert()
	return estate


def open_survey(estate):
	from tests.integration.test_opinion_surveys import APPROVAL, plan_survey

	survey = plan_survey(frappe._dict(estate=estate.estate))
	for action, user, _state in APPROVAL:
		survey = act(survey, action, user)
	return act(survey, "Open Survey", "assistant@ps.test")


def test_every_resident_of_the_estate_hears_once_that_the_survey_is_open(estate, gateway):  # SV-3
	survey = open_survey(estate)
	(mail,) = mails_to("zhang.wei@ps.test", survey.name)
	assert mail.subject == zh("Owner opinion survey {0} is open").format(survey.title)
	assert frappe.db.count("Email Queue", {"reference_name": survey.name}) == 1
	assert sorted(text["to"] for text in gateway) == ["13900000101", "13900000102"]
	assert all(survey.title in text["text"] for text in gateway)
	# the job run again, and the survey saved again, send nothing more
	notifications.tell_estate_survey_open(survey.name)
	edit(survey, "assistant@ps.test", handed_out=2)
	assert frappe.db.count("Email Queue", {"reference_name": survey.name}) == 1
	assert len(gateway) == 2


def test_a_survey_switched_off_tells_no_one(estate, gateway):
	switched("notify_survey_opened", False)
	survey = open_survey(estate)
	assert not frappe.db.count("Email Queue", {"reference_name": survey.name})
	assert not gateway
