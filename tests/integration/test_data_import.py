"""Master data comes in through Frappe's own Data Import, from CSV or Excel."""

import csv

import frappe
import pytest
from frappe.core.doctype.data_import.importer import Importer

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


def import_csv(tmp_path, doctype, rows):
	path = tmp_path / f"{frappe.scrub(doctype)}.csv"
	with path.open("w", newline="", encoding="utf-8") as handle:
		writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
		writer.writeheader()
		writer.writerows(rows)
	Importer(doctype, file_path=str(path), import_type="Insert New Records", console=True).import_data()


def test_every_master_doctype_imports_from_csv(tmp_path):
	for doctype, rows in ROWS.items():  # in order: each links to the ones before it
		before = frappe.db.count(doctype)
		import_csv(tmp_path, doctype, rows)
		assert frappe.db.count(doctype) == before + len(rows), doctype
	resident = frappe.get_doc("Resident", {"phone": "13900000018"})
	assert resident.estate == "导入小区 Import Estate" and resident.building == "导入小区 Import Estate-8栋"


@pytest.mark.parametrize("doctype", list(ROWS))
def test_master_doctypes_allow_import(doctype):
	assert frappe.get_meta(doctype).allow_import
