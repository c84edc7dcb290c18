"""What residents are told, and when (IN-4, HN-3, IN-6, WO-2, RV-6, SV-3).

A case's news goes to its resident through Frappe's own Notification: the standard records in
`property_service/notification/` (synced on install and migrate), by email to the resident's address
and by text message to the case's contact phone (a Return Visit: the resident's phone). Each fires
on the change it is about (a Value Change of status or `replied_on`, or a new Return Visit), so
saving the document again sends nothing. Their `get_context` (each record's .py) calls
`resident_context`, which renders the text in the resident's language: Chinese unless their portal
account says otherwise.

An opinion survey opening concerns every household of the estate, which a Notification (one
document, its own recipients) cannot express: `survey_opened` sends it, once, from the survey's
status change.

Text messages go through the gateway the company sets in Frappe's SMS Settings, but not through
Frappe v15's send_sms: it posts in the middle of the save that triggered it (a slow gateway holds
the desk, and a save rolled back afterwards has texted anyway), then fails writing its SMS Log, a
DocType only ERPNext brings (frappe/frappe#28332), so on a plain Frappe site every text would leave
an error behind.
`ResidentNotification` (hooks.py: override_doctype_class) hands the app's own SMS records to `text`,
which posts once the change is committed, in the background, and records each text on the case
as a Communication. Other apps' Notifications are left to Frappe.

Each of these can be switched off in Property Service Settings (Resident Portal → Residents Are
Told). `SWITCHES` is the one map of those switches: each sets the `enabled` of its Notification
records, because a Notification's condition cannot read a setting (it sees the document, `nowdate`
and `frappe.utils` only) and a switched-off record is then not even evaluated. `apply_switches`
runs when the settings are saved (their controller's on_update) and after install and every
migrate: migrate leaves `enabled` as the site has it (Frappe's import_file keeps a Notification's
`enabled` when it re-syncs the record), so a Notification an upgrade adds starts as its switch says.
"""

from functools import partial

import frappe
from frappe.core.doctype.sms_settings.sms_settings import get_headers, send_request
from frappe.email.doctype.notification.notification import Notification
from frappe.utils import cint, escape_html, formatdate, get_url

from property_service.controllers.settings import get_settings

MODULE = "Property Service"
# what residents read when we know no better: their portal accounts are made in Chinese too
RESIDENT_LANGUAGE = "zh"
PORTAL_ROUTE = "/my-requests"

# each switch in Property Service Settings and the standard Notifications it turns on or off
SWITCHES = {
	"notify_complaint_accepted": ("Complaint Accepted", "Complaint Accepted by SMS"),
	"notify_remedial_measures": ("Complaint Remedial Measures", "Complaint Remedial Measures by SMS"),
	"notify_complaint_resolved": ("Complaint Resolved", "Complaint Resolved by SMS"),
	"notify_technician_dispatched": ("Technician Dispatched", "Technician Dispatched by SMS"),
	"notify_visit_asks_view": ("Return Visit Asks Your View", "Return Visit Asks Your View by SMS"),
}
SURVEY_SWITCH = "notify_survey_opened"


def apply_switches(settings=None):
	"""Enable each resident notification as its switch says. Runs when Property Service Settings is
	saved (with the settings being saved), and after install and every migrate."""
	settings = settings or get_settings()
	switch_of = {name: field for field, names in SWITCHES.items() for name in names}
	records = frappe.get_all(
		"Notification",
		filters={"name": ("in", list(switch_of))},
		fields=["name", "document_type", "enabled"],
	)
	for record in records:
		enabled = int(bool(cint(settings.get(switch_of[record.name]))))
		if enabled != record.enabled:
			# not the record's own save, which refuses: a standard Notification is not edited on a site
			frappe.db.set_value("Notification", record.name, "enabled", enabled, update_modified=False)
	for doctype in {record.document_type for record in records}:
		frappe.cache.hdel("notifications", doctype)


class ResidentNotification(Notification):
	"""Frappe's Notification; the app's own text messages go through `text` (see above)."""

	def send_sms(self, doc, context):
		if self.module != MODULE:
			return super().send_sms(doc, context)
		text(self.get_receiver_list(doc, context), frappe.render_template(self.message, context), doc)


def translator(lang: str):
	"""`_` into `lang`, whoever is logged in (the staff member whose click sends it may read another)."""
	return partial(frappe._, lang=lang)


def resident_language(resident: str | None) -> str:
	user = resident and frappe.db.get_value("Resident", resident, "user")
	return (user and frappe.db.get_value("User", user, "language")) or RESIDENT_LANGUAGE


def portal_url(resident: str | None) -> str | None:
	"""Where the resident follows their requests, when they have a portal account."""
	if resident and frappe.db.get_value("Resident", resident, "user"):
		return get_url(PORTAL_ROUTE)
	return None


def resident_context(doc) -> dict:
	"""What every resident notification's template gets: `_` translating into the resident's
	language (so `{{ _("...") }}` in the template reads as they read), the portal address when
	they have an account, and the signature the SMS provider asks each text to start with."""
	lang = resident_language(doc.get("resident"))
	return {
		"_": translator(lang),
		"lang": lang,
		"portal_url": portal_url(doc.get("resident")),
		"sms_signature": get_settings().sms_signature or "",
	}


def text(numbers: list[str], message: str, reference, once: bool = False):
	"""Text `message` to each number through SMS Settings' gateway once the change that sends it is
	committed, in the background. Nothing while the company has set no gateway."""
	numbers = sorted({cleaned for number in numbers if (cleaned := clean_number(number))})
	if not (numbers and message.strip() and frappe.db.get_single_value("SMS Settings", "sms_gateway_url")):
		return
	frappe.enqueue(
		"property_service.controllers.notifications.send_texts",
		numbers=numbers,
		message=message,
		reference_doctype=reference.doctype,
		reference_name=reference.name,
		once=once,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def send_texts(numbers: list[str], message: str, reference_doctype: str, reference_name: str, once=False):
	"""Each text sent is a Communication on the case (its timeline shows what the resident was told).
	`once`: a number that has this very message about this document already is skipped, so the
	job run twice texts no one twice. A number the gateway refuses is logged; the others still go."""
	settings = frappe.get_doc("SMS Settings")
	if not settings.sms_gateway_url:
		return
	headers = get_headers(settings)
	params = {row.parameter: row.value for row in settings.parameters if not row.header}
	sent = texted(message, reference_doctype, reference_name) if once else set()
	for number in numbers:
		if number in sent:
			continue
		try:
			send_request(
				settings.sms_gateway_url,
				{**params, settings.message_parameter: message, settings.receiver_parameter: number},
				headers,
				settings.use_post,
				headers.get("Content-Type") == "application/json",
			)
		except Exception:
			frappe.log_error(f"Text message to {number} about {reference_name} not sent")
			continue
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Automated Message",
				"communication_medium": "SMS",
				"sent_or_received": "Sent",
				"delivery_status": "Sent",
				"status": "Linked",
				"phone_no": number,
				"content": message,
				"reference_doctype": reference_doctype,
				"reference_name": reference_name,
			}
		).insert(ignore_permissions=True)


def texted(message: str, reference_doctype: str, reference_name: str) -> set[str]:
	return set(
		frappe.get_all(
			"Communication",
			filters={
				"communication_medium": "SMS",
				"reference_doctype": reference_doctype,
				"reference_name": reference_name,
				"content": message,
			},
			pluck="phone_no",
		)
	)


def clean_number(number: str | None) -> str:
	# as Frappe's SMS Settings cleans them
	return "".join(ch for ch in (number or "") if ch not in " -()")


def survey_opened(survey):
	"""SV-3: the survey is handed out; every resident of the estate hears that it is open, once the
	status change is committed, in the background (a large estate is thousands of messages)."""
	if not cint(get_settings().get(SURVEY_SWITCH)):
		return
	frappe.enqueue(
		"property_service.controllers.notifications.tell_estate_survey_open",
		queue="long",
		survey=survey.name,
		job_id=f"property_service:survey_opened:{survey.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def tell_estate_survey_open(survey: str):
	"""One email to each address and one text to each number of the estate's residents (an owner
	and a tenant may share one), in each resident's language. Run again, it sends nothing twice: the
	addresses already queued and the numbers already texted about this survey are skipped."""
	survey = frappe.get_doc("Opinion Survey", survey)
	if survey.status not in ("Handing Out", "Collecting"):
		return  # closed before the job ran: there is nothing to answer any more
	residents = frappe.get_all(
		"Resident",
		filters={"estate": survey.estate},
		fields=["name", "email", "phone", "user"],
		order_by="name asc",
	)
	users = [r.user for r in residents if r.user]
	languages = dict(
		frappe.get_all("User", filters={"name": ("in", users)}, fields=["name", "language"], as_list=True)
		if users
		else []
	)
	emailed = already_emailed(survey)
	texts: dict[str, list[str]] = {}  # the message in a language → the numbers it goes to
	for resident in residents:
		lang = languages.get(resident.user) or RESIDENT_LANGUAGE
		email = (resident.email or "").strip().lower()
		if email and email not in emailed:
			emailed.add(email)
			frappe.sendmail(
				recipients=[email],  # one each: no resident sees the others' addresses
				subject=survey_email_subject(survey, lang),
				message=survey_email_body(survey, lang, bool(resident.user)),
				reference_doctype=survey.doctype,
				reference_name=survey.name,
			)
		if resident.phone:
			texts.setdefault(survey_text(survey, lang), []).append(resident.phone)
	for message, numbers in texts.items():
		send_texts(
			sorted({clean_number(n) for n in numbers}), message, survey.doctype, survey.name, once=True
		)


def survey_email_subject(survey, lang: str) -> str:
	_ = translator(lang)
	return _("Owner opinion survey {0} is open").format(survey.title)


def survey_email_body(survey, lang: str, has_account: bool) -> str:
	_ = translator(lang)
	by = formatdate(survey.collection_end)
	if not has_account:
		return "<p>{}</p>".format(
			escape_html(
				_(
					"Please tell us how satisfied you are with our services: fill in the form we hand out to your household by {0}."
				).format(by)
			)
		)
	answer = _(
		"Please tell us how satisfied you are with our services. Answer online under My Requests, or fill in the form we hand out, by {0}."
	).format(by)
	return '<p>{}</p><p><a href="{}">{}</a></p>'.format(
		escape_html(answer), get_url(PORTAL_ROUTE), escape_html(_("My Requests"))
	)


def survey_text(survey, lang: str) -> str:
	_ = translator(lang)
	return (get_settings().sms_signature or "") + _(
		"Owner opinion survey {0} is open: please tell us how satisfied you are with our services by {1}."
	).format(survey.title, formatdate(survey.collection_end, "MM-dd"))


def already_emailed(survey) -> set[str]:
	queue, recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
	return set(
		frappe.qb.from_(queue)
		.join(recipient)
		.on(recipient.parent == queue.name)
		.select(recipient.recipient)
		.where((queue.reference_doctype == survey.doctype) & (queue.reference_name == survey.name))
		.run(pluck=True)
	)
