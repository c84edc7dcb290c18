"""SV-9 over HTTP against gunicorn: owners and tenants answer; each household's answers are confidential.

A member of staff who enters paper forms reads only the forms they entered, through every path Frappe
offers (the REST API, frappe.client, the report view and its export, counts, link search, prints); the
property manager and the office director read no household's answers; the survey's reports and the
residents' results page give aggregates only. The supervisor, who analyses the survey, reads them all."""

import json
import urllib.error
import urllib.parse
import urllib.request

import frappe
import pytest

from tests.integration.conftest import SITE, cleanup
from tests.integration.factories import act, edit, ensure_base_data
from tests.integration.test_opinion_surveys import APPROVAL, plan_survey, portal_page, resident_user

USERS = (
	"assistant@ps.test",
	"assistant2@ps.test",
	"supervisor@ps.test",
	"manager@ps.test",
	"director@ps.test",
)
SECRET_COMMENT = "楼下邻居半夜装修 Neighbour renovates at midnight"


@pytest.fixture(scope="module")
def tokens(api):
	made = {}
	for user in USERS:
		doc = frappe.get_doc("User", user)
		doc.api_key = doc.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		doc.api_secret = secret
		doc.save(ignore_permissions=True)
		made[user] = f"{doc.api_key}:{secret}"
	frappe.db.commit()
	return made


@pytest.fixture(scope="module")
def survey(api):
	"""An open survey: the first assistant entered the owner's form of 101, the second the tenant's of
	102 (with a comment that is nobody else's business)."""
	base = ensure_base_data()
	unit_101 = frappe.db.get_value("Resident", base.residents[0], "property_unit")
	unit_102 = frappe.db.get_value("Resident", base.residents[1], "property_unit")
	tenant = frappe.get_doc(
		{
			"doctype": "Resident",
			"full_name": "租户赵 Tenant Zhao",
			"phone": "13800000102",
			"property_unit": unit_102,
			"resident_type": "Tenant",
		}
	).insert()
	doc = plan_survey(base)
	for action, user, _state in APPROVAL:
		doc = act(doc, action, user)
	doc = act(doc, "Open Survey", "assistant@ps.test")
	doc = act(edit(doc, "assistant@ps.test", handed_out=10), "Start Collecting", "assistant@ps.test")
	responses = {}
	for user, unit, resident, level, comments in (
		("assistant@ps.test", unit_101, base.residents[0], "Satisfied", ""),
		("assistant2@ps.test", unit_102, tenant.name, "Very Dissatisfied", SECRET_COMMENT),
	):
		frappe.set_user(user)
		response = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"survey": doc.name,
				"property_unit": unit,
				"resident": resident,
				"entry": "Paper Form",
				"comments": comments,
			}
		)
		response.run_method("before_validate")
		for row in response.ratings:
			row.level = level if row.aspect in ("Cleaning", "Greening") else None
		responses[user] = response.insert().name
		frappe.set_user("Administrator")
	doc = frappe.get_doc("Opinion Survey", doc.name)
	doc.refresh_counts()
	frappe.db.commit()
	yield frappe._dict(doc=doc, mine=responses["assistant@ps.test"], theirs=responses["assistant2@ps.test"])
	cleanup("Survey Response", list(responses.values()))
	cleanup("Opinion Survey", [doc.name])
	frappe.db.delete("Resident", tenant.name)
	frappe.db.commit()


def raw(api, method, path, token, payload=None) -> tuple[int, str]:
	"""A request whose answer may be a file (an export), not JSON."""
	request = urllib.request.Request(
		f"{api.url}{urllib.parse.quote(path, safe='/?=&,%')}",
		data=json.dumps(payload).encode() if payload is not None else None,
		method=method,
		headers={"Host": SITE, "Authorization": f"token {token}", "Content-Type": "application/json"},
	)
	try:
		with urllib.request.urlopen(request, timeout=120) as response:
			return response.status, response.read().decode("utf-8", "replace")
	except urllib.error.HTTPError as error:
		return error.code, error.read().decode("utf-8", "replace")


def responses_listed(api, token, survey) -> list[set[str]]:
	"""The responses a user lists through each list path."""
	seen = []
	status, body = api.call(
		"GET",
		"/api/resource/Survey Response?fields="
		+ urllib.parse.quote(json.dumps(["name", "comments"]))
		+ "&filters="
		+ urllib.parse.quote(json.dumps({"survey": survey}))
		+ "&limit_page_length=0",
		token=token,
	)
	seen.append((status, {row["name"] for row in body.get("data", [])}))
	status, body = api.call(
		"POST",
		"/api/method/frappe.client.get_list",
		{"doctype": "Survey Response", "filters": {"survey": survey}, "limit_page_length": 0},
		token=token,
	)
	seen.append((status, {row["name"] for row in body.get("message") or []}))
	status, body = api.call(
		"POST",
		"/api/method/frappe.desk.reportview.get",
		{
			"doctype": "Survey Response",
			"fields": json.dumps(["`tabSurvey Response`.`name`", "`tabSurvey Rating`.`level`"]),
			"filters": json.dumps({"survey": survey}),
			"page_length": 0,
		},
		token=token,
	)
	seen.append((status, {row[0] for row in (body.get("message") or {}).get("values", [])}))
	status, body = api.call(
		"POST",
		"/api/method/frappe.client.get_list",
		{
			"doctype": "Survey Rating",
			"parent": "Survey Response",
			"fields": ["parent", "level"],
			"limit_page_length": 0,
		},
		token=token,
	)
	seen.append((status, {row["parent"] for row in body.get("message") or []}))
	return seen


def test_owners_and_tenants_are_both_counted(survey):
	doc = frappe.get_doc("Opinion Survey", survey.doc.name)
	assert (doc.returned, doc.returned_by_owners, doc.returned_by_tenants) == (2, 1, 1)
	assert frappe.db.get_value("Survey Response", survey.theirs, "respondent_type") == "Tenant"


def test_a_paper_form_entrant_reads_only_the_forms_they_entered(api, tokens, survey):
	token = tokens["assistant@ps.test"]
	for status, names in responses_listed(api, token, survey.doc.name):
		assert status == 200
		assert survey.mine in names and survey.theirs not in names, names

	# the other household's form, by its name, through every reading path
	for method, path, payload in (
		("GET", f"/api/resource/Survey Response/{survey.theirs}", None),
		("POST", "/api/method/frappe.client.get", {"doctype": "Survey Response", "name": survey.theirs}),
		(
			"POST",
			"/api/method/frappe.client.get_value",
			{"doctype": "Survey Response", "filters": {"name": survey.theirs}, "fieldname": "comments"},
		),
		(
			"GET",
			f"/api/method/frappe.desk.form.load.getdoc?doctype=Survey Response&name={survey.theirs}",
			None,
		),
		(
			"GET",
			f"/api/method/frappe.www.printview.get_html_and_style?doc=Survey Response&name={survey.theirs}",
			None,
		),
	):
		status, body = api.call(method, path, payload, token=token)
		assert SECRET_COMMENT not in json.dumps(body, ensure_ascii=False), path
		assert status in (403, 404) or not body.get("message"), (path, status, body)

	row = next(r for r in frappe.get_doc("Survey Response", survey.theirs).ratings if r.level)
	status, body = api.call("GET", f"/api/resource/Survey Rating/{row.name}", token=token)
	assert status in (403, 404) and "Very Dissatisfied" not in json.dumps(body), body

	# counts, group-by counts, the link search and the export keep to the same forms
	status, body = api.call(
		"POST",
		"/api/method/frappe.client.get_count",
		{"doctype": "Survey Response", "filters": json.dumps({"name": survey.theirs})},
		token=token,
	)
	assert status == 200 and body["message"] == 0, body
	status, body = api.call(
		"POST",
		"/api/method/frappe.desk.listview.get_group_by_count",
		{"doctype": "Survey Response", "current_filters": json.dumps({}), "field": "property_unit"},
		token=token,
	)
	assert SECRET_COMMENT not in json.dumps(body, ensure_ascii=False)
	assert status == 403 or {r["name"] for r in body["message"]} <= {
		frappe.db.get_value("Survey Response", survey.mine, "property_unit")
	}, body
	status, body = api.call(
		"POST",
		"/api/method/frappe.desk.search.search_link",
		{"doctype": "Survey Response", "txt": survey.theirs},
		token=token,
	)
	assert survey.theirs not in json.dumps(body), body
	status, text = raw(
		api,
		"POST",
		"/api/method/frappe.desk.reportview.export_query",
		token,
		{
			"doctype": "Survey Response",
			"file_format_type": "CSV",
			"fields": json.dumps(["`tabSurvey Response`.`name`", "`tabSurvey Response`.`comments`"]),
			"filters": json.dumps({"survey": survey.doc.name}),
		},
	)
	assert status == 200 and survey.mine in text, text[:500]
	assert survey.theirs not in text and SECRET_COMMENT not in text


def test_managers_read_the_aggregates_and_no_households_answers(api, tokens, survey):
	for user in ("manager@ps.test", "director@ps.test"):
		status, body = api.call("GET", "/api/resource/Survey Response", token=tokens[user])
		assert status == 403, (user, body)
		status, body = api.call("GET", f"/api/resource/Survey Response/{survey.theirs}", token=tokens[user])
		assert status == 403 and SECRET_COMMENT not in json.dumps(body, ensure_ascii=False)
		status, body = api.call("GET", f"/api/resource/Opinion Survey/{survey.doc.name}", token=tokens[user])
		assert status == 200 and body["data"]["returned"] == 2

	# the supervisor analyses the survey: every form
	for status, names in responses_listed(api, tokens["supervisor@ps.test"], survey.doc.name):
		assert status == 200 and {survey.mine, survey.theirs} <= names


def test_the_reports_and_the_residents_page_give_aggregates_only(api, tokens, survey):
	doc = act(frappe.get_doc("Opinion Survey", survey.doc.name), "Analyse", "supervisor@ps.test")
	frappe.db.commit()
	try:
		for user in ("assistant@ps.test", "manager@ps.test"):
			status, body = api.call(
				"POST",
				"/api/method/frappe.desk.query_report.run",
				{"report_name": "Survey Pareto", "filters": json.dumps({"survey": doc.name})},
				token=tokens[user],
			)
			assert status == 200, body
			text = json.dumps(body, ensure_ascii=False)
			assert SECRET_COMMENT not in text and survey.theirs not in text
			rows = body["message"]["result"]
			# two aspects, each with one dissatisfied answer: each half of the dissatisfied answers
			assert sorted((row["aspect"], row["dissatisfied"], row["share"]) for row in rows) == [
				("Cleaning", 1, 50.0),
				("Greening", 1, 50.0),
			]
			assert rows[-1]["cumulative"] == 100.0
			assert body["message"]["chart"]["type"] == "axis-mixed"

		doc = act(doc, "Publish Results", "supervisor@ps.test")
		frappe.db.commit()
		base = ensure_base_data()
		page = portal_page(resident_user(base, "owner101@ps.test", base.residents[0]))
		assert doc.title in page and "50.0%" in page
		assert SECRET_COMMENT not in page and survey.theirs not in page
	finally:
		frappe.db.set_value("Resident", ensure_base_data().residents[0], "user", None)
		frappe.db.commit()
