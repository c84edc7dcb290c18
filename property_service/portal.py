"""The resident portal's actions: what a resident does from the phone instead of the front desk.

Residents read their own household's complaints and repair orders (the Resident role, narrowed to the
household by permissions.py) and write nothing through REST or `frappe.client`. Each method here
checks that the caller is a resident and that the record is their own household's, and writes only
the fields named below; that one save is made with `ignore_permissions`, since that check is the
permission. Moving a case on is a workflow transition allowed to the Resident role on their own
household's record, so the record's history names the resident for what the resident did. Bad input
is refused with a translated message before anything is stored.
"""

import base64
import binascii
import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Union

import frappe
from frappe import _, _lt
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, cint, get_datetime, now_datetime
from PIL import Image
from pydantic import BeforeValidator

from property_service.exceptions import PortalError
from property_service.integrations import erpnext
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.rules import surveys

# what residents may attach, recognised by content rather than by name
FILE_SIGNATURES = {
	"jpg": (b"\xff\xd8\xff",),
	"jpeg": (b"\xff\xd8\xff",),
	"png": (b"\x89PNG\r\n\x1a\n",),
	"gif": (b"GIF87a", b"GIF89a"),
	"webp": (b"RIFF",),
	"pdf": (b"%PDF-",),
}
# what a photo is written out as after it is decoded (Pillow's format names)
REENCODED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# a phone photo is far smaller; a decompression bomb is far larger
MAX_IMAGE_PIXELS = 50_000_000
SUMMARY_LENGTH = 140
SIGNATURE_PREFIX = "data:image/png;base64,"


def argument(*types: type, refusal: Callable[[], Any]) -> Any:
	"""The type of a portal method's argument, for v15's `@frappe.whitelist`, which validates annotated
	arguments (with pydantic) before the method runs: None, one of `types`, or refused by `refusal`, a
	translated message the portal's own error handling shows, rather than Frappe's untranslated type
	error."""

	def refuse_other_types(value):
		if value is not None and not isinstance(value, types):
			refusal()
		return value

	return Annotated[Union[types] | None, BeforeValidator(refuse_other_types)]  # noqa: UP007


def text(label: str) -> Any:
	"""A text the resident types; `label` names the field in the refusal."""
	return argument(str, refusal=lambda: frappe.throw(_("{0} must be text.").format(label), PortalError))


def not_found():
	frappe.throw(_("Not found."), frappe.DoesNotExistError)


# what the portal's methods take; a record is named by its id, as the pages send it
RecordName = argument(str, refusal=not_found)
Category = argument(str, refusal=lambda: frappe.throw(_("Choose a category from the list."), PortalError))
# photos as a JSON list (a page's form) or a list (a server-side caller)
Photos = argument(str, list, refusal=lambda: frappe.throw(_("Photos were not sent correctly."), PortalError))
AppointmentTime = argument(
	str, datetime, refusal=lambda: frappe.throw(_("Choose an appointment time from now on."), PortalError)
)
Satisfaction = argument(str, refusal=lambda: frappe.throw(_("Say whether you are satisfied."), PortalError))
Signature = argument(
	str, refusal=lambda: frappe.throw(_("Sign in the box with your finger first."), PortalError)
)
# each aspect's answer, as a JSON object (a page's form) or a dict
Ratings = argument(str, dict, refusal=lambda: frappe.throw(_("Rate at least one aspect."), PortalError))


def current_resident() -> frappe._dict:
	"""The Resident record of the logged-in website user, or a refusal."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to use the resident portal."), frappe.PermissionError)
	resident = frappe.db.get_value(
		"Resident",
		{"user": frappe.session.user},
		["name", "full_name", "phone", "property_unit", "estate"],
		as_dict=True,
	)
	if not resident:
		frappe.throw(
			_("Your account is not linked to a household. Ask the customer service centre to link it."),
			frappe.PermissionError,
		)
	return resident


def own_record(doctype: str, name: str, resident) -> "frappe.model.document.Document":
	"""A record of the resident's household; anything else is as if it did not exist."""
	if not name or not frappe.db.exists(doctype, name):
		not_found()
	doc = frappe.get_doc(doctype, name)
	if doc.get("property_unit") != resident.property_unit:
		not_found()
	return doc


def limit_submissions(resident):
	"""PT-1: a resident files at most so many requests an hour (Property Service Settings).

	Requests sent at the same moment are counted one after another: the household's Resident row is
	locked first, and its filings are then read with a locking read, which sees what the request before
	it committed (a plain read would see the transaction's older snapshot). The filings counted are what
	was stored, not calls made, and by household: v15's frappe.rate_limiter.rate_limit counts calls in
	Redis whether they succeed or not (a refused form would use up the hour), keys them only by address
	or by a field the request itself sends (neighbours behind one address, a family's Wi-Fi or a
	carrier's shared address, would hold each other back; a caller could vary the field), and limits
	nothing outside a request."""
	household = frappe.qb.DocType("Resident")
	frappe.qb.from_(household).select(household.name).where(
		household.name == resident.name
	).for_update().run()
	limit = cint(get_settings().portal_requests_per_hour)
	since = add_to_date(now_datetime(), hours=-1)
	filed = 0
	for doctype in ("Complaint Register", "Repair Work Order"):
		table = frappe.qb.DocType(doctype)
		filed += len(
			frappe.qb.from_(table)
			.select(table.name)
			.where(
				(table.resident == resident.name)  # indexed: only the household's own rows are locked
				& (table.channel == "Web Portal")
				& (table.owner == frappe.session.user)
				& (table.creation > since)
			)
			.for_update()
			.run()
		)
	if filed >= limit:
		frappe.throw(
			_(
				"You have filed {0} requests in the last hour. Please wait a while or call the service centre."
			).format(filed),
			frappe.RateLimitExceededError,
		)


def clean_text(value, label: str, max_length: int, required: bool = True) -> str:
	if value is not None and not isinstance(value, str):
		frappe.throw(_("{0} must be text.").format(label), PortalError)
	value = (value or "").strip()
	if required and not value:
		frappe.throw(_("Fill in {0}.").format(label), PortalError)
	if len(value) > max_length:
		frappe.throw(_("{0} is too long: at most {1} characters.").format(label, max_length), PortalError)
	return value


def parsed(value: str, message: str):
	"""JSON a form sent as text; anything that is not JSON is refused with `message`."""
	if not value.strip():
		return None
	try:
		return json.loads(value)
	except ValueError:
		frappe.throw(message, PortalError)


def decode_photos(photos) -> list[tuple[str, bytes]]:
	"""Images and PDF only, each within the size limit; all are checked before anything is saved."""
	settings = get_settings()
	photos = (
		parsed(photos, _("Photos were not sent correctly.")) if isinstance(photos, str) else photos
	) or []
	if not isinstance(photos, list):
		frappe.throw(_("Photos were not sent correctly."), PortalError)
	if len(photos) > cint(settings.portal_max_attachments):
		frappe.throw(_("Attach at most {0} files.").format(settings.portal_max_attachments), PortalError)
	max_bytes = cint(settings.portal_attachment_max_kb) * 1024
	decoded = []
	for photo in photos:
		if not isinstance(photo, dict):
			frappe.throw(_("Photos were not sent correctly."), PortalError)
		filename = clean_text(photo.get("filename"), _("File name"), 140)
		extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
		try:
			content = base64.b64decode(str(photo.get("data") or "").split(",")[-1], validate=True)
		except (binascii.Error, ValueError):
			frappe.throw(_("{0} could not be read.").format(filename), PortalError)
		if extension not in FILE_SIGNATURES or not content.startswith(FILE_SIGNATURES[extension]):
			frappe.throw(
				_("{0}: only photos (JPG, PNG, GIF, WebP) and PDF files can be attached.").format(filename),
				PortalError,
			)
		if len(content) > max_bytes:
			frappe.throw(
				_("{0} is larger than {1} KB.").format(filename, settings.portal_attachment_max_kb),
				PortalError,
			)
		if extension != "pdf":
			content = reencoded_image(filename, content)
		decoded.append((re.sub(r"[^\w.\-]", "_", filename), content))
	return decoded


def reencoded_image(filename: str, content: bytes) -> bytes:
	"""A photo as Pillow decodes it, written out afresh: whatever rode along after or inside the image
	data (an HTML or script body behind a PNG header, metadata) is not kept. What Pillow cannot decode
	in full is refused."""
	try:
		with Image.open(io.BytesIO(content)) as image:
			if image.format not in REENCODED_FORMATS:
				raise ValueError(image.format)
			if image.width * image.height > MAX_IMAGE_PIXELS:
				raise ValueError("too many pixels")
			image.load()
			image.info.clear()  # comments, EXIF, XMP: nothing but the pixels is written out again
			output = io.BytesIO()
			frames = getattr(image, "n_frames", 1)
			if image.format == "JPEG":
				image.convert("RGB").save(output, "JPEG", quality=90)
			else:
				image.save(output, image.format, save_all=frames > 1)
	except Exception:
		frappe.throw(_("{0} is not a photo that can be opened.").format(filename), PortalError)
	return output.getvalue()


def attach(doc, photos: list[tuple[str, bytes]]) -> list[str]:
	urls = []
	for filename, content in photos:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": filename,
				"content": content,
				"is_private": 1,
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
			}
		)
		file.flags.from_portal = True  # checked by decode_photos (permissions.has_file_permission)
		file.insert(ignore_permissions=True)
		urls.append(file.file_url)
	return urls


def valid_category(category: str | None) -> str | None:
	if not category:
		return None
	if not frappe.db.exists("Complaint Category", category):
		frappe.throw(_("Choose a category from the list."), PortalError)
	return category


@frappe.whitelist(methods=["POST"])
def file_complaint(
	summary: text(_lt("Summary")) = None,
	description: text(_lt("Details")) = None,
	category: Category = None,
	photos: Photos = None,
) -> str:
	"""IN-1: a complaint from the portal, registered like one at the front desk."""
	resident = current_resident()
	settings = get_settings()
	summary = clean_text(summary, _("Summary"), SUMMARY_LENGTH)
	description = clean_text(description, _("Details"), cint(settings.portal_text_max_length), required=False)
	category = valid_category(category)
	decoded = decode_photos(photos)
	limit_submissions(resident)
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"channel": "Web Portal",
			"received_on": now_datetime(),
			"resident": resident.name,
			"category": category,
			"summary": summary,
			"description": description,
		}
	)
	complaint.flags.ignore_permissions = True
	complaint.insert()
	attach(complaint, decoded)
	return complaint.name


@frappe.whitelist(methods=["POST"])
def request_repair(
	problem: text(_lt("What is broken")) = None,
	appointment_time: AppointmentTime = None,
	category: Category = None,
	photos: Photos = None,
) -> str:
	"""WO-1: a repair request with photos and the appointment the resident wants."""
	resident = current_resident()
	settings = get_settings()
	problem = clean_text(problem, _("What is broken"), cint(settings.portal_text_max_length))
	category = valid_category(category)
	try:
		appointment = get_datetime(appointment_time) if appointment_time else None
	except Exception:
		appointment = None
	if not appointment or appointment < add_to_date(now_datetime(), minutes=-5):
		frappe.throw(_("Choose an appointment time from now on."), PortalError)
	decoded = decode_photos(photos)
	limit_submissions(resident)
	order = frappe.get_doc(
		{
			"doctype": "Repair Work Order",
			"channel": "Web Portal",
			"requested_on": now_datetime(),
			"appointment_time": appointment,
			"resident": resident.name,
			"category": category,
			"problem": problem,
			"warranty_status": "Out of Warranty",
		}
	)
	order.flags.ignore_permissions = True
	order.insert()
	for url in attach(order, decoded):
		order.append("photos", {"photo": url})
	order.save()
	return order.name


def signature(value: str | None) -> str:
	value = value or ""
	if not value.startswith(SIGNATURE_PREFIX) or len(value) > 200_000:
		frappe.throw(_("Sign in the box with your finger first."), PortalError)
	try:
		base64.b64decode(value[len(SIGNATURE_PREFIX) :], validate=True)
	except (binascii.Error, ValueError):
		frappe.throw(_("Sign in the box with your finger first."), PortalError)
	return value


def satisfied_or_not(value: str | None) -> str:
	if value not in ("Satisfied", "Not Satisfied"):
		frappe.throw(_("Say whether you are satisfied."), PortalError)
	return value


@frappe.whitelist(methods=["POST"])
def confirm_repair(
	order: RecordName = None,
	satisfied: Satisfaction = None,
	comment: text(_lt("Your comment")) = None,
	resident_signature: Signature = None,
) -> str:
	"""WO-4: the resident tries the repair, says whether it is fixed, and signs."""
	resident = current_resident()
	doc = own_record("Repair Work Order", order, resident)
	if doc.status != "Completed":
		frappe.throw(_("This repair is not waiting for your confirmation."), PortalError)
	doc.resident_satisfied = satisfied_or_not(satisfied)
	doc.resident_comment = clean_text(
		comment, _("Your comment"), cint(get_settings().portal_text_max_length), False
	)
	doc.resident_signature = signature(resident_signature)
	doc.fees_shown_to_resident = 1  # the portal showed the charges above the signature box
	doc.flags.ignore_permissions = True
	doc.save()
	apply_workflow(doc, "Verify" if doc.resident_satisfied == "Satisfied" else "Rework")
	doc.add_comment("Info", _("Confirmed by the resident on the portal."))
	return doc.name


@frappe.whitelist(methods=["POST"])
def answer_visit(
	visit: RecordName = None,
	satisfied: Satisfaction = None,
	comment: text(_lt("Your comment")) = None,
	resident_signature: Signature = None,
) -> str:
	"""RV-6, RV-7: the resident answers a return visit; not satisfied reopens the case."""
	resident = current_resident()
	doc = own_record("Return Visit", visit, resident)
	if doc.status != "To Visit":
		frappe.throw(_("This visit has been answered already."), PortalError)
	doc.satisfied = satisfied_or_not(satisfied)
	doc.opinions = clean_text(comment, _("Your comment"), cint(get_settings().portal_text_max_length), False)
	if doc.method == "In Person":
		doc.resident_signature = signature(resident_signature)
	doc.flags.ignore_permissions = True
	doc.save()
	doc.add_comment("Info", _("Answered by the resident on the portal."))
	return doc.name


@frappe.whitelist(methods=["POST"])
def answer_survey(
	survey: RecordName = None, ratings: Ratings = None, comments: text(_lt("Your comments")) = None
) -> str:
	"""SV-4: one answer per household to an open survey of the resident's estate."""
	resident = current_resident()
	if not survey or not frappe.db.exists("Opinion Survey", survey):
		not_found()
	estate, scale, status = frappe.db.get_value("Opinion Survey", survey, ["estate", "scale", "status"])
	if estate != resident.estate:
		not_found()
	ratings = parsed(ratings, _("Rate at least one aspect.")) if isinstance(ratings, str) else ratings
	if not isinstance(ratings, dict) or not ratings:
		frappe.throw(_("Rate at least one aspect."), PortalError)
	levels = surveys.SCALES[scale]
	if any(not isinstance(level, str) or (level and level not in levels) for level in ratings.values()):
		frappe.throw(_("Choose one of the answers offered for each aspect."), PortalError)
	response = frappe.get_doc(
		{
			"doctype": "Survey Response",
			"survey": survey,
			"property_unit": resident.property_unit,
			"resident": resident.name,
			"entry": "Web Portal",
			"comments": clean_text(
				comments, _("Your comments"), cint(get_settings().portal_text_max_length), False
			),
		}
	)
	response.run_method("before_validate")
	for row in response.ratings:
		row.level = ratings.get(row.aspect) or None
	response.flags.ignore_permissions = True
	response.insert()
	return response.name


# ---- what the portal pages show: the public part of the household's records ----

# each step in the resident's words, translated into the language of the page that shows it
COMPLAINT_MILESTONES = (
	("received_on", _lt("Complaint received")),
	("accepted_on", _lt("Accepted")),
	("replied_on", _lt("Told what is being done")),
	("final_answered_on", _lt("Written answer sent")),
	("resolved_on", _lt("Resolved")),
)
REPAIR_MILESTONES = (
	("requested_on", _lt("Requested")),
	("dispatched_on", _lt("Technician assigned")),
	("arrived_on", _lt("Technician arrived")),
	("completed_on", _lt("Repair completed")),
	("signed_on", _lt("Confirmed by you")),
)
EMAIL_ADDRESS = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.ASCII)


def page_resident(context, route: str):
	"""The logged-in resident for a portal page; a guest is sent to log in first."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to=/{route}"
		raise frappe.Redirect
	# per-resident pages: never cached, and neither is a "not found" (Frappe caches 404s by URL, which
	# would hide a household's own request from it after someone else tried its number)
	frappe.local.no_cache = 1
	context.no_cache = 1
	context.show_sidebar = True
	# the session carries a CSRF token from the first portal page on, as a desk session does from /app
	# on (not at login: the login's own request carries none); Frappe then refuses a cookie-authenticated
	# POST without it, and the pages pass it to the portal's requests
	frappe.sessions.get_csrf_token()
	resident = frappe.db.get_value(
		"Resident",
		{"user": frappe.session.user},
		["name", "full_name", "property_unit", "estate"],
		as_dict=True,
	)
	context.resident = resident
	return resident


def household_requests(resident) -> list[frappe._dict]:
	unit = resident.property_unit
	complaints = frappe.get_all(
		"Complaint Register",
		filters={"property_unit": unit},
		fields=["name", "summary", "status", "received_on as filed_on", "reply_due"],
		order_by="received_on desc",
	)
	orders = frappe.get_all(
		"Repair Work Order",
		filters={"property_unit": unit},
		fields=["name", "problem as summary", "status", "requested_on as filed_on", "appointment_time"],
		order_by="requested_on desc",
	)
	for row in complaints:
		row.kind = "complaint"
	for row in orders:
		row.kind = "repair"
	return sorted(complaints + orders, key=lambda row: row.filed_on, reverse=True)


def request_detail(resident, kind: str, name: str) -> frappe._dict | None:
	"""What a resident sees of one of their requests: never escalations, internal notes or costs."""
	doctype = {"complaint": "Complaint Register", "repair": "Repair Work Order"}.get(kind)
	if not doctype or not isinstance(name, str):
		return None
	fields = (
		[
			"name",
			"summary",
			"description",
			"status",
			"category",
			"reply_due",
			"handling_result",
			"written_answer",
			"appeal_procedure",
			"property_unit",
		]
		if kind == "complaint"
		else [
			"name",
			"problem",
			"status",
			"category",
			"appointment_time",
			"technician",
			"work_done",
			"total_charge",
			"fees_shown_to_resident",
			"property_unit",
			"sales_invoice",
		]  # fmt: skip
	)
	milestones = COMPLAINT_MILESTONES if kind == "complaint" else REPAIR_MILESTONES
	record = frappe.db.get_value(
		doctype,
		{"name": name, "property_unit": resident.property_unit},
		fields + [m[0] for m in milestones],
		as_dict=True,
	)
	if not record:
		return None
	record.kind = kind
	record.doctype = doctype
	record.history = [(str(label), record[field]) for field, label in milestones if record.get(field)]
	if kind == "repair" and record.technician:
		record.technician = frappe.utils.get_fullname(record.technician)
	if kind == "repair":
		# with ERPNext: whether the household's invoice for the repair is paid, as ERPNext has it now
		record.invoice_status = record.fees_shown_to_resident and erpnext.invoice_status(
			record, issued_only=True
		)
	if kind == "complaint" and not record.final_answered_on:
		record.written_answer = record.appeal_procedure = None  # IN-10: the household's once it is sent
	for field in ("handling_result", "written_answer", "work_done"):
		record[field] = names_not_addresses(record.get(field))
	record.photos = frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "owner": frappe.session.user},
		fields=["file_name", "file_url"],
	)
	record.visit = frappe.db.get_value(
		"Return Visit",
		{"reference_doctype": doctype, "reference_name": name, "status": "To Visit"},
		["name", "method", "due_on", "visit_from"],
		as_dict=True,
	)
	if record.visit and record.visit.visit_from and get_datetime(record.visit.visit_from) > now_datetime():
		record.visit = None  # RV-13: asked once the repaired item's trial run is over
	return record


def names_not_addresses(text: str | None) -> str | None:
	"""People by their names: an account's e-mail address in a text written for the resident (a
	result signed off before results named the signer, a note a staff member typed) becomes the
	account's full name, so no staff address reaches the portal."""
	if not text:
		return text

	def name_of(match: re.Match) -> str:
		address = match.group(0)
		user = frappe.db.get_value("User", {"name": address}, "name") or frappe.db.get_value(
			"User", {"email": address}, "name"
		)
		return frappe.utils.get_fullname(user) if user else address

	return EMAIL_ADDRESS.sub(name_of, text)


def survey_title(survey) -> str:
	"""A survey's title in the reader's language (the stored title is in its creator's)."""
	return f"{survey.estate} {survey.survey_year} {_(survey.period)}"


def open_surveys(resident) -> list[frappe._dict]:
	answered = set(
		frappe.get_all("Survey Response", filters={"property_unit": resident.property_unit}, pluck="survey")
	)
	surveys = frappe.get_all(
		"Opinion Survey",
		filters={"estate": resident.estate, "status": ("in", ("Handing Out", "Collecting"))},
		fields=["name", "estate", "survey_year", "period", "collection_end", "scale"],
	)
	for survey in surveys:
		survey.title = survey_title(survey)
	return [survey for survey in surveys if survey.name not in answered]
