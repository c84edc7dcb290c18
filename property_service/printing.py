"""RE-2: every paper form the app prints carries the company's name and the company's own code for the
form (Property Service Settings → Company → Form Codes; seed 002's J-82, J-67, J-70 and J-65 are the
defaults). The header is made here, once, for all the print formats (`ps_form_header`, a Jinja method in
hooks.py) and for the reports' print templates (the same figures in the desk's boot)."""

import frappe
from frappe.utils import escape_html
from markupsafe import Markup

from property_service.controllers.settings import get_settings

# each paper form: a print format, or a report's print template
FORMS = (
	"Complaint Register Entry",
	"Handling Notice Form",
	"Repair Work Order Form",
	"Return Visit Record",
	"Monthly Complaint Summary",
	"Return Visit Summary Sheet",
	"Rectification Check Record",
	"Survey Response Form",
	"Complaint Handling Check Record",
	"Weekly Complaint Review",
	"Complaint Analysis Meeting Minutes",
	"Compensation Agreement",
	"Report Appeal Record",
	"Archive Transfer List",
	"Courtesy Visit Plan Report",
	"Courtesy Visit Record",
	"Key Resident Contact Record",
	"Owner Forum Record",
	"Survey Analysis Report",
	"Survey Results Notice",
)


def form_code_field(form: str) -> str:
	"""The setting that holds the form's code."""
	if form not in FORMS:
		raise KeyError(form)
	return "form_code_" + frappe.scrub(form).replace("-", "_")


def form_code(form: str) -> str:
	return (get_settings().get(form_code_field(form)) or "").strip()


def company_name() -> str:
	return (get_settings().company_name or "").strip()


def ps_form_header(form: str, letter_head_shown=False) -> Markup:
	"""The top of a paper form: the company's code for it at the right and the company's name in the
	middle (left out where the print's letter head, which carries the name, is shown)."""
	# Frappe's print style greys table heads; a paper form's column titles are printed as plainly as its rows
	parts = ["<style>.ps-form th { color: #222; }</style>"]
	code = form_code(form)
	if code:
		parts.append(
			'<div class="ps-form-code" style="text-align: right; font-size: 11px; margin-bottom: 2px">'
			f"表单编号 Form No. {escape_html(code)}</div>"
		)
	name = company_name()
	if name and not letter_head_shown:
		parts.append(
			'<div class="ps-company" style="text-align: center; font-size: 16px; font-weight: bold;'
			f' margin-bottom: 4px">{escape_html(name)}</div>'
		)
	return Markup("\n".join(parts))


def boot_session(bootinfo):
	"""The reports' print templates are rendered in the browser: they read the company's name and the
	form codes here (staff only; none of it is secret, but residents print nothing of the desk)."""
	if frappe.get_cached_value("User", frappe.session.user, "user_type") != "System User":
		return
	bootinfo.property_service_forms = {
		"company_name": company_name(),
		"codes": {form: form_code(form) for form in FORMS},
	}
