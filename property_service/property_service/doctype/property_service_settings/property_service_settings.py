import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html

from property_service.controllers import escalation_ladder
from property_service.controllers.notifications import apply_switches
from property_service.controllers.settings import get_settings as get_settings  # where the app reads them

# the letter head the app makes from the company's name and logo carries this class, so that saving the
# settings again rewrites that one and never a letter head the company designed itself
GENERATED_LETTER_HEAD = "ps-letter-head"
# where a company logo may be, and what no such address holds (it would end the HTML attribute)
LOGO_PREFIXES = ("/files/", "/private/files/", "https://", "http://")
UNSAFE_IN_URL = "\"'<>`\\\t\n\r"


class PropertyServiceSettings(Document):
	def validate(self):
		self.validate_percentages()
		self.validate_ranges()
		self.validate_company()
		escalation_ladder.validate(self)  # ES-5
		self.make_letter_head()

	def validate_company(self):
		"""The name and logo go, as they are, into pages Frappe renders without escaping them (the login
		page's heading and logo, the desk's title and navbar): a name is plain text, a logo a file's or
		a web address, and neither may carry markup (Frappe cleans no Attach Image value)."""
		if self.company_name and set(self.company_name) & set("<>"):
			frappe.throw(_("The company name cannot contain < or >."))
		if self.company_logo and (
			not self.company_logo.startswith(LOGO_PREFIXES) or set(self.company_logo) & set(UNSAFE_IN_URL)
		):
			frappe.throw(_("The company logo must be a file uploaded here or a web address."))

	def on_update(self):
		apply_switches(self)  # the residents' notifications (controllers/notifications.py)
		apply_company(self)
		escalation_ladder.on_settings_update(self)  # the complaint workflow's ladder steps

	def make_letter_head(self):
		"""Left empty, the letter head on prints is made from the company's name and logo."""
		if self.letter_head or not self.company_name:
			return
		if not frappe.db.exists("Letter Head", self.company_name):
			letter_head = frappe.new_doc("Letter Head")
			letter_head.letter_head_name = self.company_name
			letter_head.source = "HTML"
			letter_head.content = letter_head_html(self)
			# Frappe's Letter Head starts every new one as an image and warns that none is attached;
			# the HTML is put back when the settings are applied (apply_company)
			muted, frappe.flags.mute_messages = frappe.flags.mute_messages, True
			try:
				letter_head.insert(ignore_permissions=True)
			finally:
				frappe.flags.mute_messages = muted
		self.letter_head = self.company_name

	def validate_percentages(self):
		for df in self.meta.fields:
			if df.fieldtype == "Percent" and (self.get(df.fieldname) or 0) > 100:
				frappe.throw(_("{0} cannot be more than 100%.").format(_(df.label)))

	def validate_ranges(self):
		if self.survey_collection_min_days > self.survey_collection_max_days:
			frappe.throw(_("The survey collection window's minimum cannot exceed its maximum."))
		if self.sample_small_below > self.sample_large_above:
			frappe.throw(_("The low-volume threshold cannot exceed the high-volume threshold."))


def apply_defaults():
	"""Write the default of every setting not saved yet, so new settings start at DOMAIN.md's numbers."""
	doctype = "Property Service Settings"
	saved = frappe.db.get_singles_dict(doctype)
	missing = {
		df.fieldname: df.default
		for df in frappe.get_meta(doctype).fields
		if df.default is not None and saved.get(df.fieldname) is None
	}
	if missing:
		frappe.db.set_single_value(doctype, missing)


def apply_company(settings=None):
	"""The company's name and logo go where Frappe shows a site's own: Website Settings' app name and
	logo (the login page, the desk), its brand (the website's navigation bar, the portal) and footer,
	the site's name (the welcome e-mail a resident gets with their account) and the default Letter
	Head (the head of every print)."""
	settings = settings or get_settings()
	if not settings.company_name:
		return
	website = frappe.get_single("Website Settings")
	website.app_name = settings.company_name
	if settings.company_logo:
		website.app_logo = settings.company_logo
	website.brand_html = brand_html(settings)
	website.footer_powered = inert(settings.company_name)  # instead of "Built on Frappe"
	website.save(ignore_permissions=True)
	frappe.db.set_default("site_name", settings.company_name)  # Frappe's welcome e-mail: "Welcome to …"
	if settings.letter_head:
		letter_head = frappe.get_doc("Letter Head", settings.letter_head)
		if GENERATED_LETTER_HEAD in (letter_head.content or ""):
			letter_head.source = "HTML"
			letter_head.content = letter_head_html(settings)
		letter_head.disabled = 0
		letter_head.is_default = 1
		letter_head.save(ignore_permissions=True)


def inert(text: str) -> str:
	"""Escaped for HTML, and no Jinja either: Frappe renders a letter head's content as a template."""
	return escape_html(text or "").replace("{", "&#123;").replace("}", "&#125;")


def brand_html(settings) -> str:
	logo = (
		f'<img src="{inert(settings.company_logo)}" alt="" style="max-height: 28px; margin-right: 8px;">'
		if settings.company_logo
		else ""
	)
	return f'{logo}<span class="ps-brand-name">{inert(settings.company_name)}</span>'


def letter_head_html(settings) -> str:
	# inline blocks, not flex: wkhtmltopdf's old WebKit lays out the PDF
	logo = (
		f'<img src="{inert(settings.company_logo)}" alt="" '
		'style="height: 56px; vertical-align: middle; margin-right: 12px;">'
		if settings.company_logo
		else ""
	)
	return (
		f'<div class="{GENERATED_LETTER_HEAD}" '
		'style="border-bottom: 2px solid #333; padding-bottom: 8px; margin-bottom: 12px;">'
		f'{logo}<span style="font-size: 20px; font-weight: bold; vertical-align: middle;">'
		f"{inert(settings.company_name)}</span></div>"
	)
