"""Master data comes in through Frappe's own Data Import, from CSV or Excel."""

import csv
import io

import frappe
import pytest

from tests.integration.factories import run_data_import

ROWS = {
	"Estate": [
		{"Estate Name": "导入小区 Import Estate", "Floor Area (m²)": "61000", "Occupied Households": "820"}
	],
	"Building": [{"Building Name": "8栋", "Estate": "导入小区 Import Estate", "Floors": "18"}],
	"Property Unit": [
		{"Building": "导入小区 Import Estate-8栋", "Unit Number": "1801", "Floor": "18"},
		{"Building": "导入小区 Import Estate-8栋", "Unit Number": "1802", "Floor": "18"},
	],
	"Resident": [
		{
			"Full Name": "赵雷",
			"Phone": "13900000018",
			"Owner or Tenant": "Owner",
			"Property Unit": "导入小区 Import Estate-8栋-1801",
		}
	],
	"Service Team": [
		{"Team Name": "导入保洁组 Import Cleaning", "Team Type": "Cleaning", "Team Head": "Administrator"}
	],
	"Complaint Category": [
		{
			"Category Name": "导入绿化 Import Greening",
			"Default Team": "导入保洁组 Import Cleaning",
			"Routine Work": "1",
		}
	],
}


def as_csv(rows: list[dict]) -> str:
	text = io.StringIO()
	writer = csv.DictWriter(text, fieldnames=list(rows[0]))
	writer.writeheader()
	writer.writerows(rows)
	return text.getvalue()


def remove_imported():
	"""The importer commits: what it made is test data, taken away again (also what an earlier run of
	this test left behind)."""
	estate = "导入小区 Import Estate"
	for doctype, filters in (
		("Complaint Category", {"category_name": "导入绿化 Import Greening"}),
		("Service Team", {"team_name": "导入保洁组 Import Cleaning"}),
		("Resident", {"phone": "13900000018"}),
		("Property Unit", {"estate": estate}),
		("Building", {"estate": estate}),
		("Estate", {"name": estate}),
	):
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_every_master_doctype_imports_from_csv():
	remove_imported()
	try:
		for doctype, rows in ROWS.items():  # in order: each links to the ones before it
			before = frappe.db.count(doctype)
			data_import = run_data_import(doctype, as_csv(rows))
			assert data_import.status == "Success", (doctype, data_import.status)
			assert frappe.db.count(doctype) == before + len(rows), doctype
		resident = frappe.get_doc("Resident", {"phone": "13900000018"})
		assert (
			resident.estate == "导入小区 Import Estate" and resident.building == "导入小区 Import Estate-8栋"
		)
	finally:
		remove_imported()


@pytest.mark.parametrize("doctype", list(ROWS))
def test_master_doctypes_allow_import(doctype):
	assert frappe.get_meta(doctype).allow_import
