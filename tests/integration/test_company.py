"""The company's name and logo (Property Service Settings → Company) where Frappe shows a site's own:
the login page, the website's navigation bar and footer, and the letter head of every print."""

import frappe
import pytest

from property_service.property_service.doctype.property_service_settings import property_service_settings
from tests.integration.factories import act, ensure_base_data, make_complaint
from tests.integration.test_portal import in_language, page

COMPANY = "翠湖物业服务有限公司"
LOGO = "/files/company-logo.png"


@pytest.fixture(scope="module")
def company():
	ensure_base_data()
	settings = frappe.get_single("Property Service Settings")
	settings.company_name = COMPANY
	settings.company_logo = LOGO
	settings.save()
	frappe.db.commit()
	return settings


def test_the_settings_put_the_company_where_frappe_shows_it(company):
	website = frappe.get_single("Website Settings")
	assert (website.app_name, website.app_logo) == (COMPANY, LOGO)
	assert COMPANY in website.brand_html and LOGO in website.brand_html
	assert COMPANY in website.footer_powered
	assert frappe.db.get_default("site_name") == COMPANY, "the welcome e-mail's subject"
	assert company.letter_head
	letter_head = frappe.get_doc("Letter Head", company.letter_head)
	assert letter_head.is_default and not letter_head.disabled
	assert COMPANY in letter_head.content and LOGO in letter_head.content

	# saved again with another name, the letter head the app made follows it
	company.company_name = "翠湖物业"
	company.save()
	assert "翠湖物业<" in frappe.db.get_value("Letter Head", company.letter_head, "content")
	company.company_name = COMPANY
	company.save()
	frappe.db.commit()


def test_the_company_name_is_inert_wherever_it_is_shown():
	settings = frappe._dict(
		company_name="<img src=x onerror=alert(1)>{{ 7 * 7 }}", company_logo='x" onload="y'
	)
	for html in (
		property_service_settings.brand_html(settings),
		property_service_settings.letter_head_html(settings),
	):
		assert "<img src=x" not in html and "{{" not in html and 'x" onload' not in html
	rendered = frappe.render_template(property_service_settings.letter_head_html(settings), {"doc": {}})
	assert "49" not in rendered, "a letter head is rendered as a template: the name is no template"


def test_the_login_page_names_the_company_in_the_visitors_language(company):
	status, html = in_language("zh", page, "Guest", "/login")
	assert status == 200 and f"登录到{COMPANY}" in html and LOGO in html
	assert "Login to Frappe" not in html


def test_every_print_has_the_letter_head_and_a_date_by_each_signature(company):
	base = ensure_base_data()
	complaint = act(make_complaint(base), "Accept", "assistant@ps.test")
	printed = frappe.get_print(
		"Complaint Register", complaint.name, "Complaint Register Entry", no_letterhead=0
	)
	assert COMPANY in printed and LOGO in printed
	assert printed.count("日期 Date") == 2, "the registrar's and the supervisor's signatures are dated"
	# a result that named its signer by address, as older records do, prints the name
	frappe.db.set_value(
		"Complaint Register",
		complaint.name,
		"handling_result",
		"签核人 head@ps.test：已处理",
		update_modified=False,
	)
	printed = frappe.get_print("Complaint Register", complaint.name, "Complaint Register Entry")
	assert "head@ps.test" not in printed and frappe.utils.get_fullname("head@ps.test") in printed
	# printed without the letter head, the form still names the company
	printed = frappe.get_print(
		"Complaint Register", complaint.name, "Complaint Register Entry", no_letterhead=1
	)
	assert COMPANY in printed and LOGO not in printed
