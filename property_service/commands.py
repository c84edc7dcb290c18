"""Bench commands of the app (Frappe finds the `commands` list here)."""

import click
from frappe.commands import get_site, pass_context


@click.command("property-service-load-demo")
@click.option("--path", help="Folder of the demo JSON files (default: the app's fixtures/demo_estate)")
@click.option("--password", help="Password of the demo staff users (default: Demo@2026)")
@pass_context
def load_demo(context, path=None, password=None):
	"""Load the demo estate 翠湖花园: buildings, units, residents, staff, teams, categories and a year
	of complaints, repairs and return visits. Running it again adds nothing."""
	import frappe

	from property_service import demo_estate

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		demo_estate.load(path, password=password or demo_estate.PASSWORD)
	finally:
		frappe.destroy()


@click.command("property-service-check-pdf")
@click.option("--output", help="Where to write the PDF (default: a file in the system's temp folder)")
@pass_context
def check_pdf(context, output=None):
	"""Print a complaint as the desk's Get PDF does (its Complaint Register Entry form, through
	wkhtmltopdf) and write the PDF out: proof that printing works on this machine."""
	import tempfile

	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		name = frappe.db.get_value("Complaint Register", {}, "name", order_by="received_on desc")
		if name:
			pdf = frappe.get_print("Complaint Register", name, "Complaint Register Entry", as_pdf=True)
		else:  # a site without complaints yet: a page of Chinese text
			from frappe.utils.pdf import get_pdf

			pdf, name = get_pdf("<h1>投诉登记表</h1><p>打印测试</p>"), "a test page"
		output = output or tempfile.mkstemp(prefix="property-service-", suffix=".pdf")[1]
		with open(output, "wb") as file:
			file.write(pdf)
		click.echo(f"PDF of {name}: {output} ({len(pdf)} bytes)")
	finally:
		frappe.destroy()


commands = [load_demo, check_pdf]
