"""Whitelisted methods take typed arguments, which v15's @frappe.whitelist validates before the method
runs. Over HTTP, a value of the wrong type (a number, a list or an object where text is expected) is
refused with the app's own translated message and a 4xx, never a server error, and nothing is stored."""

import frappe
import pytest
from frappe.query_builder import DocType

from property_service import permissions
from property_service.exceptions import PortalError
from tests.integration.factories import ensure_base_data, ensure_resident_user, make_complaint
from tests.integration.test_portal import as_user, http_call

PORTAL = "property_service.portal."
FRAPPES_OWN = "should be of type"  # Frappe's untranslated type error, which the portal replaces


@pytest.fixture(scope="module")
def resident():
	base = ensure_base_data()
	user = ensure_resident_user(base.residents[0], "owner101@ps.test")
	frappe.db.commit()
	return user


def refused(user: str, method: str, form: dict) -> Exception:
	before = (frappe.db.count("Complaint Register"), frappe.db.count("Repair Work Order"))
	with pytest.raises(Exception) as refusal:
		as_user(user, http_call, method, **form)
	assert getattr(refusal.value, "http_status_code", 500) < 500, refusal.value
	assert FRAPPES_OWN not in str(refusal.value)
	assert (frappe.db.count("Complaint Register"), frappe.db.count("Repair Work Order")) == before
	frappe.local.message_log = []
	return refusal.value


@pytest.mark.parametrize(
	"method, form, message",
	[
		("file_complaint", {"summary": 123}, "Summary must be text."),
		("file_complaint", {"summary": ["漏水"]}, "Summary must be text."),
		("file_complaint", {"summary": "漏水", "description": {"a": 1}}, "Details must be text."),
		("file_complaint", {"summary": "漏水", "photos": 7}, "Photos were not sent correctly."),
		("file_complaint", {"summary": "漏水", "photos": {"a": 1}}, "Photos were not sent correctly."),
		("file_complaint", {"summary": "漏水", "category": ["x"]}, "Choose a category from the list."),
		("file_complaint", {}, "Fill in Summary."),
		("request_repair", {"problem": True}, "What is broken must be text."),
		(
			"request_repair",
			{"problem": "漏水", "appointment_time": 5},
			"Choose an appointment time from now on.",
		),
		("answer_visit", {"visit": "RV-0000-00000", "satisfied": [1]}, "Say whether you are satisfied."),
		("answer_visit", {"visit": "RV-0000-00000", "comment": 3}, "Your comment must be text."),
		("confirm_repair", {"order": "RWO-0000-00000", "resident_signature": 1}, "Sign in the box"),
		("answer_survey", {"survey": "X", "ratings": 5}, "Rate at least one aspect."),
	],
)
def test_the_portal_refuses_a_wrong_type_in_its_own_words(resident, method, form, message):
	error = refused(resident, PORTAL + method, form)
	assert isinstance(error, PortalError) and message in str(error), error


@pytest.mark.parametrize(
	"method, form",
	[
		("confirm_repair", {"order": ["RWO-0000-00000"]}),
		("confirm_repair", {"order": 42}),
		("confirm_repair", {}),
		("answer_visit", {"visit": {"name": "x"}}),
		("answer_survey", {"survey": {"a": 1}}),
	],
)
def test_a_record_named_by_anything_but_its_id_is_not_found(resident, method, form):
	error = refused(resident, PORTAL + method, form)
	assert isinstance(error, frappe.DoesNotExistError), error


@pytest.mark.parametrize(
	"method, form",
	[
		("complaints_by_month", {"filters": "[1]"}),
		("complaints_by_month", {"filters": "not json"}),
		("complaints_by_month", {"timespan": "Select Date Range", "from_date": "garbage"}),
		("unresolved_complaints_by_status", {"filters": '"x"'}),
	],
)
def test_a_chart_refuses_filters_and_dates_it_cannot_read(method, form):
	ensure_base_data()
	with pytest.raises(frappe.ValidationError):
		as_user("supervisor@ps.test", http_call, "property_service.dashboard." + method, **form)
	frappe.local.message_log = []


def test_counting_refuses_filters_that_are_not_filters():
	ensure_base_data()
	with pytest.raises(frappe.ValidationError, match="filters"):
		as_user(
			"supervisor@ps.test",
			http_call,
			"frappe.client.get_count",
			doctype="Complaint Register",
			filters="[1]",
		)
	frappe.local.message_log = []


def test_a_record_rule_escapes_what_it_quotes():
	"""A team's name, a user's address in a rule is escaped by the connection: a backslash before a
	quote (which pypika's own quoting leaves to MariaDB as an escape) ends nothing."""
	make_complaint(ensure_base_data())  # a complaint an injected `OR 1=1` would count
	complaint = DocType("Complaint Register")
	probe = "x\\' OR 1=1 -- "
	rule = permissions.condition_sql(complaint.service_team.isin(permissions.sql_values([probe])))
	assert frappe.db.sql(f"select count(*) from `tabComplaint Register` where {rule}")[0][0] == 0
