"""What residents are told, by email through Frappe's Notification: once per event, to the right
person, and not at all when the office switches it off."""

from email import message_from_string, policy

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from tests.integration.factories import act, edit, ensure_base_data, make_complaint, make_work_order

EMAIL = "li.ming.101@ps.test"


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
	frappe.db.set_value("Resident", base.residents[0], "email", EMAIL)
	frappe.db.set_value("Resident", base.residents[1], "email", "wang.fang.102@ps.test")
	return base


def mails_to(email: str, reference: str) -> list[frappe._dict]:
	"""The emails queued for `email` about `reference`, with their subject and body decoded."""
	queue, recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
	messages = (
		frappe.qb.from_(queue)
		.join(recipient)
		.on(recipient.parent == queue.name)
		.select(queue.message)
		.where((recipient.recipient == email) & (queue.reference_name == reference))
		.run(pluck=True)
	)
	return [decoded(message) for message in messages]


def decoded(raw: str) -> frappe._dict:
	message = message_from_string(raw, policy=policy.default)
	body = message.get_body(preferencelist=("plain", "html"))
	return frappe._dict(subject=str(message["Subject"]), body=body.get_content() if body else "")


def switched(setting: str, on: bool):
	"""As the office switches it in Property Service Settings."""
	settings = frappe.get_doc("Property Service Settings")
	settings.set(setting, int(on))
	settings.save()


def test_the_resident_hears_that_the_complaint_is_accepted_once(base):  # IN-4
	complaint = make_complaint(base)
	assert complaint.resident_email == EMAIL
	act(complaint, "Accept", "assistant@ps.test")
	(mail,) = mails_to(EMAIL, complaint.name)
	assert "已受理" in mail.subject and complaint.summary in mail.body
	edit(complaint, "assistant@ps.test", description="补充 More detail")
	assert len(mails_to(EMAIL, complaint.name)) == 1, "a re-save sends nothing again"
	assert not mails_to("wang.fang.102@ps.test", complaint.name)


def test_remedial_measures_and_resolution_are_told(base):  # HN-3, IN-6
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	edit(complaint, "assistant@ps.test", replied_on=now_datetime())
	assert any(m.subject.startswith("您的投诉处理措施") for m in mails_to(EMAIL, complaint.name))
	complaint = edit(complaint, "assistant@ps.test", handling_result="已更换水管 Pipe replaced")
	act(complaint, "Resolve", "assistant@ps.test")
	subjects = [m.subject for m in mails_to(EMAIL, complaint.name)]
	assert sum("处理完毕" in subject for subject in subjects) == 1
	# resolving schedules the return visit, which asks the resident's view
	visit = frappe.get_last_doc("Return Visit", filters={"reference_name": complaint.name})
	assert [m.subject for m in mails_to(EMAIL, visit.name)] == [
		f"请评价我们的服务 How did we do? ({complaint.name})"
	]


def test_the_resident_hears_who_comes_and_when(base):  # WO-2
	order = make_work_order(
		base, requested_on=now_datetime(), appointment_time=add_to_date(now_datetime(), hours=3)
	)
	order = edit(order, "assistant@ps.test", technician="technician@ps.test")
	act(order, "Dispatch", "assistant@ps.test")
	(mail,) = mails_to(EMAIL, order.name)
	assert frappe.utils.get_fullname("technician@ps.test") in mail.body


def test_a_switched_off_notification_sends_nothing(base):
	switched("notify_complaint_accepted", False)
	try:
		complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
		assert not mails_to(EMAIL, complaint.name)
	finally:
		switched("notify_complaint_accepted", True)


def test_every_household_with_an_email_hears_that_a_survey_opens(base):  # SV-2
	from tests.integration.test_opinion_surveys import APPROVAL, plan_survey

	survey = plan_survey(base)
	for action, user, _state in APPROVAL:
		survey = act(survey, action, user)
	act(survey, "Open Survey", "assistant@ps.test")
	for email in (EMAIL, "wang.fang.102@ps.test"):
		assert len(mails_to(email, survey.name)) == 1
	queue = frappe.get_all("Email Queue", filters={"reference_name": survey.name}, pluck="name")
	assert len(queue) == frappe.db.count("Resident", {"estate": base.estate, "email": ("is", "set")})


def test_the_resident_gets_one_text_message_through_frappes_sms_settings(base):
	import threading
	from http.server import BaseHTTPRequestHandler, HTTPServer
	from urllib.parse import parse_qs, urlparse

	received = []

	class Gateway(BaseHTTPRequestHandler):
		def do_GET(self):
			received.append(parse_qs(urlparse(self.path).query))
			self.send_response(200)
			self.end_headers()
			self.wfile.write(b"OK")

		def log_message(self, *args):
			pass

	gateway = HTTPServer(("127.0.0.1", 0), Gateway)
	threading.Thread(target=gateway.serve_forever, daemon=True).start()
	try:
		sms = frappe.get_doc("SMS Settings")
		sms.update(
			{
				"sms_gateway_url": f"http://127.0.0.1:{gateway.server_port}/send",
				"message_parameter": "text",
				"receiver_parameter": "to",
				"use_post": 0,
			}
		)
		sms.save()
		complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
		edit(complaint, "assistant@ps.test", description="补充 More detail")
	finally:
		gateway.shutdown()
	phone = frappe.db.get_value("Resident", base.residents[0], "phone")
	assert len(received) == 1, received
	assert received[0]["to"] == [phone] and complaint.name in received[0]["text"][0]
