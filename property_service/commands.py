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


commands = [load_demo]
