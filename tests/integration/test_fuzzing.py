"""Generated bad input to every whitelisted method of the app and every portal form: wrong types, huge
strings, scripts and SQL in text, other people's ids, missing fields. Whatever comes in, the answer is
a refusal Frappe sends as a 4xx (never a server error), a refused payload stores nothing, and text that
is accepted is shown back escaped."""

import inspect
from urllib.parse import parse_qsl

import frappe
import pytest
from frappe.utils import add_days, getdate, today

hypothesis = pytest.importorskip(
	"hypothesis", reason="the fuzzing tests need hypothesis (pip install hypothesis)"
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from property_service import dashboard, permissions, portal  # noqa: E402
from property_service.property_service.doctype.weekly_complaint_review.weekly_complaint_review import (  # noqa: E402
	week_of,
)
from tests.integration.factories import (  # noqa: E402
	act,
	ensure_base_data,
	make_complaint,
	make_work_order,
)
from tests.integration.test_opinion_surveys import approved_and_open, respond  # noqa: E402
from tests.integration.test_weekly_review import new_meeting, new_review  # noqa: E402

EXAMPLES = 110  # per method that takes arguments: over 1,200 payloads in all
NASTY = st.sampled_from(
	[
		"<script>alert(1)</script>",
		"' OR 1=1 --",
		"'; DROP TABLE `tabComplaint Register`; --",
		"%s %(name)s {0} {{7*7}}",
		"../../../../etc/passwd",
		"CMP-2026-00001",
		"RV-2026-00001",
		"Administrator",
		"\x00\x01\x02",
		"😀" * 50,
		"",
	]
)
VALUE = st.recursive(
	st.one_of(
		st.none(),
		st.booleans(),
		st.integers(),
		st.floats(allow_nan=True),
		st.text(max_size=300),
		NASTY,
		st.integers(min_value=1000, max_value=300_000).map(lambda n: "长" * n),
	),
	lambda inner: st.one_of(
		st.lists(inner, max_size=8), st.dictionaries(st.text(max_size=20), inner, max_size=8)
	),
	max_leaves=12,
)
KEPT = (
	"Complaint Register",
	"Repair Work Order",
	"Return Visit",
	"Survey Response",
	"Survey Corrective Action",
	"File",
	"User",
)


def stored() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in KEPT}


def payloads(fn):
	"""Any subset of the method's own parameters (the rest missing), each any value."""
	names = [p for p in inspect.signature(inspect.unwrap(fn)).parameters if p != "self"]
	return st.fixed_dictionaries({}, optional={name: VALUE for name in names})


def call(user: str, fn, kwargs: dict):
	"""As a request would: the user, the method, and a refusal that must be a 4xx and store nothing."""
	frappe.db.savepoint("fuzz")
	frappe.set_user(user)
	before = stored()
	try:
		fn(**kwargs)
	except Exception as error:
		status = getattr(error, "http_status_code", 500)
		assert status < 500, f"{fn.__name__}({kwargs!r:.300}) answered {status}: {error!r:.300}"
		assert stored() == before, f"{fn.__name__} stored something from a refused payload"
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="fuzz")
		frappe.local.message_log = []


@pytest.fixture(scope="module")
def people():
	base = ensure_base_data()
	email = "fuzz101@ps.test"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "fuzz",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": "Resident"}],
			}  # fmt: skip
		).insert(ignore_permissions=True)
	frappe.db.set_value("Resident", base.residents[0], "user", email)
	frappe.db.set_single_value("Property Service Settings", "portal_requests_per_hour", 100000)
	frappe.db.commit()
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	yield frappe._dict(base=base, resident=email)
	frappe.db.set_single_value("Property Service Settings", "portal_requests_per_hour", 5)
	frappe.db.commit()
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")


FUZZ = settings(
	max_examples=EXAMPLES,
	deadline=None,
	derandomize=True,
	suppress_health_check=[
		HealthCheck.too_slow,
		HealthCheck.data_too_large,
		HealthCheck.function_scoped_fixture,
	],
)

PORTAL_METHODS = (
	portal.file_complaint,
	portal.request_repair,
	portal.confirm_repair,
	portal.answer_visit,
	portal.answer_survey,
	dashboard.satisfaction_this_month,
	permissions.get_count,
)


@pytest.mark.parametrize("fn", PORTAL_METHODS, ids=lambda fn: fn.__name__)
def test_a_resident_cannot_break_a_method_with_any_payload(people, fn):
	fuzzer(people.resident, fn)()


def staff_methods(base):
	"""Every document method staff call from the desk, each on a record of its own."""
	complaint = make_complaint(base)
	order = make_work_order(base)
	resident = frappe.get_doc("Resident", base.residents[1])
	survey, survey_action = analysed_survey(base)
	review, meeting, meeting_action = review_and_meeting(base)
	handover = as_user(
		"assistant@ps.test",
		lambda: frappe.get_doc(
			{"doctype": "Shift Handover", "estate": base.estate, "taken_over_by": "assistant2@ps.test"}
		).insert(),
	)
	return (
		("assistant@ps.test", complaint.pause),
		("assistant@ps.test", complaint.resume),
		("technician@ps.test", order.acknowledge),
		("assistant@ps.test", order.make_sales_invoice),
		("assistant@ps.test", resident.invite_to_portal),
		("supervisor@ps.test", survey.make_corrective_actions),
		("assistant@ps.test", survey.refresh_counts),
		("head@ps.test", survey_action.complete),
		("assistant@ps.test", handover.get_unresolved_cases),
		("assistant@ps.test", review.gather_records),
		("supervisor@ps.test", meeting.gather_problems),
		("supervisor@ps.test", meeting.make_actions),
		("head@ps.test", meeting_action.complete),
	)


def as_user(user: str, make):
	frappe.set_user(user)
	try:
		return make()
	finally:
		frappe.set_user("Administrator")


def analysed_survey(base):
	"""An analysed opinion survey with one household's answer flagged, and its corrective action."""
	survey = approved_and_open(base)
	unit = frappe.db.get_value("Resident", base.residents[0], "property_unit")
	respond(survey, unit, {}, needs_action=1, action_note="楼道灯坏了 Stairway light broken")
	survey = act(survey, "Analyse", "supervisor@ps.test")
	(action,) = as_user("supervisor@ps.test", lambda: survey.make_corrective_actions(base.team))
	return survey, frappe.get_doc("Survey Corrective Action", action)


def review_and_meeting(base):
	"""Last week's review, and a first-half analysis meeting with one decision made into an action."""
	review = new_review(base, week_of(getdate(add_days(today(), -7)))[0])
	meeting = new_meeting(
		base,
		getdate(today()).year,
		decisions=[
			{
				"problem": "楼道反复漏水 Stairway leaks again and again",
				"measure": "更换立管 Replace the riser",
				"service_team": base.team,
				"due_on": add_days(today(), 20),
			}
		],
	)
	(action,) = as_user("supervisor@ps.test", meeting.make_actions)
	return (
		review,
		frappe.get_doc("Complaint Analysis Meeting", meeting.name),
		frappe.get_doc("Meeting Action", action),
	)


def fuzzer(user: str, method):
	@FUZZ
	@given(kwargs=payloads(method))
	def fuzz(kwargs):
		call(user, method, kwargs)

	return fuzz


def test_staff_cannot_break_a_document_method_with_any_payload(people):
	for user, method in staff_methods(people.base):
		fuzzer(user, method)()


def test_text_residents_send_is_shown_back_escaped(people):
	from frappe.utils import set_request
	from frappe.website.serve import get_response

	script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
	frappe.set_user(people.resident)
	try:
		name = portal.file_complaint(summary=script, description=script)
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(people.resident)
	try:
		query = f"kind=complaint&name={name}"
		set_request(method="GET", path="/my-requests/detail", query_string=query)
		frappe.local.form_dict = frappe._dict(parse_qsl(query))
		response = get_response("my-requests/detail")
		assert response.status_code == 200, response.get_data(as_text=True)[-1500:]
		html = response.get_data(as_text=True)
		set_request(method="GET", path="/my-requests")
		frappe.local.form_dict = frappe._dict()
		listing = get_response("my-requests").get_data(as_text=True)
	finally:
		frappe.set_user("Administrator")
		frappe.local.no_cache = None
		del frappe.local.request
	for page in (html, listing):
		# Frappe sanitises what is saved; the page escapes what it shows: the text is there, inert
		assert "<script>alert" not in page and "onerror" not in page
		assert "alert(&#39;x&#39;)" in page
	printed = frappe.get_print("Complaint Register", name, print_format="Complaint Register Entry")
	assert "<script>alert('x')</script>" not in printed
