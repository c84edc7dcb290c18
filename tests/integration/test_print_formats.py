"""RE-2: every paper form the app prints carries the company's own code for it (Property Service Settings
→ Form Codes, seed 002's J-82, J-67, J-70 and J-65 by default) and the company's name, from one place
(printing.ps_form_header); the household survey form, the rectification check record and the return-visit
summary sheet print, on a real site."""

import frappe
import frappe.desk.query_report
import pytest
from frappe.utils import add_to_date, now_datetime, today

from property_service.printing import FORMS, form_code_field, ps_form_header
from tests.integration.factories import ensure_base_data, make_complaint

SETTINGS = "Property Service Settings"
COMPANY = "测试物业服务有限公司 Test Property Services"


@pytest.fixture
def base():
	return ensure_base_data()


@pytest.fixture
def company():
	"""The company's name and the form codes as a test sets them, back as they were afterwards."""
	fields = ["company_name", *(form_code_field(form) for form in FORMS)]
	before = {field: frappe.db.get_single_value(SETTINGS, field) for field in fields}
	frappe.db.set_single_value(SETTINGS, "company_name", COMPANY)
	yield
	frappe.db.set_single_value(SETTINGS, before)


def print_of(doctype, name=None, doc=None, print_format=None, no_letterhead=1):
	return frappe.get_print(doctype, name, print_format=print_format, doc=doc, no_letterhead=no_letterhead)


def test_every_print_format_of_the_app_prints_the_shared_head_with_its_own_code():
	formats = frappe.get_all(
		"Print Format", filters={"module": "Property Service", "standard": "Yes"}, fields=["name", "html"]
	)
	assert len(formats) >= 18
	for print_format in formats:
		assert print_format.name in FORMS, print_format.name  # a setting for its code
		assert f'ps_form_header("{print_format.name}"' in print_format.html, print_format.name
		assert '<div class="ps-company">{{ ps_company }}</div>' not in print_format.html  # said once
	meta = frappe.get_meta(SETTINGS)
	for form in FORMS:
		assert meta.has_field(form_code_field(form)), form


def test_seed_002_codes_are_the_defaults():
	settings = frappe.get_single(SETTINGS)
	assert settings.form_code_complaint_register_entry == "J-82"
	assert settings.form_code_repair_work_order_form == "J-67"
	assert settings.form_code_return_visit_record == "J-70"
	assert settings.form_code_monthly_complaint_summary == "J-65"


def test_a_form_prints_the_company_s_code_and_name_and_a_changed_code(base, company):  # rule RE-2
	complaint = make_complaint(base)
	html = print_of("Complaint Register", complaint.name, print_format="Complaint Register Entry")
	assert "表单编号 Form No. J-82" in html and COMPANY in html and "投诉登记表" in html

	frappe.db.set_single_value(SETTINGS, "form_code_complaint_register_entry", "QR-7.5-01")
	html = print_of("Complaint Register", complaint.name, print_format="Complaint Register Entry")
	assert "QR-7.5-01" in html and "J-82" not in html

	frappe.db.set_single_value(SETTINGS, "form_code_complaint_register_entry", "")
	html = print_of("Complaint Register", complaint.name, print_format="Complaint Register Entry")
	assert "表单编号" not in html and COMPANY in html


def test_the_head_leaves_the_name_to_a_letter_head_shown_and_escapes_what_it_prints(company):
	frappe.db.set_single_value(SETTINGS, "form_code_handling_notice_form", "<b>HN</b>")
	head = ps_form_header("Handling Notice Form")
	assert COMPANY in head and "&lt;b&gt;HN&lt;/b&gt;" in head and "<b>HN</b>" not in head
	assert COMPANY not in ps_form_header("Handling Notice Form", letter_head_shown=True)
	with pytest.raises(KeyError):
		ps_form_header("No Such Form")


def test_the_household_survey_form_ticks_each_answer():  # rules SV-4, RE-2
	response = frappe.get_doc(
		{
			"doctype": "Survey Response",
			"name": "SR-TEST-00001",
			"scale": "Five Levels",
			"property_unit": "翠湖测试-1栋-101",
			"ratings": [
				{"aspect": "Water Supply", "level": "Satisfied"},
				{"aspect": "Greening", "level": "Dissatisfied"},
			],
			"comments": "绿化带杂草多 Weeds in the green belt",
		}
	)
	html = print_of("Survey Response", doc=response, print_format="Survey Response Form")
	assert "业主意见调查表" in html and "绿化带杂草多" in html
	# five levels a row, one ticked in each (and the one in the instructions to the resident)
	assert html.count("☑") == 2 + 1 and html.count("☐") == 2 * 5 - 2
	assert "Very Dissatisfied" in html


def test_the_rectification_check_record_prints_the_measures_and_the_check(base):  # rules RV-7, RE-2
	notice = frappe.get_doc(
		{
			"doctype": "Rectification Notice",
			"name": "RN-TEST-00001",
			"technician": "technician@ps.test",
			"problem": "门锁仍有异响 The lock still squeaks",
			"status": "Rectified",
			"due_on": add_to_date(now_datetime(), hours=24),
			"rectified_on": now_datetime(),
			"rectification": "更换锁芯 Lock cylinder replaced",
		}
	)
	html = print_of("Rectification Notice", doc=notice, print_format="Rectification Check Record")
	assert "整改措施落实情况记录" in html and "门锁仍有异响" in html and "更换锁芯" in html
	assert "按期完成 On time" in html and "检查人签字" in html


def test_the_return_visit_summary_sheet_lists_the_period_s_visits():  # rules RV-6, RE-2
	visits = frappe.get_all(
		"Return Visit",
		filters={"status": "Completed", "completed_on": (">=", f"{today()} 00:00:00")},
		pluck="name",
	)
	frappe.set_user("supervisor@ps.test")
	try:
		result = frappe._dict(
			frappe.desk.query_report.run(
				"Return Visit Summary Sheet", filters={"from_date": today(), "to_date": today()}
			)
		)
	finally:
		frappe.set_user("Administrator")
	assert sorted(row["name"] for row in result.result) == sorted(visits)
	assert result.report_summary[0]["value"] == len(visits)
	template = frappe.get_app_path(
		"property_service",
		"property_service",
		"report",
		"return_visit_summary_sheet",
		"return_visit_summary_sheet.html",
	)
	assert "回访记录汇总表" in open(template).read()
