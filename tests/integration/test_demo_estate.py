"""The demo estate loads through the real workflows, in every state, and loads only once."""

import json

import frappe

from property_service import demo_estate
from property_service.property_service.doctype.visit_sample.visit_sample import sampling_rule
from property_service.rules.sampling import sample_size


def slice_of_the_demo(tmp_path):
	"""The estate with one complaint and one work order of each state the demo holds, and their residents."""
	data = {
		path.stem: json.loads(path.read_text(encoding="utf-8")) for path in demo_estate.DATA.glob("*.json")
	}
	for kind in ("complaints", "repairs"):
		by_state = {}
		for row in data[kind]:
			by_state.setdefault(row["target"], row)
		data[kind] = list(by_state.values())
	units = {row["resident"] for row in data["complaints"] + data["repairs"]}
	data["residents"] = [row for row in data["residents"] if row["unit"] in units]
	data["units"] = [row for row in data["units"] if f"{row['building']}-{row['unit_number']}" in units]
	for name, rows in data.items():
		(tmp_path / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
	return tmp_path


def test_demo_estate_loads_every_state_once(tmp_path):
	path = slice_of_the_demo(tmp_path)
	wanted = json.loads((path / "complaints.json").read_text(encoding="utf-8"))
	demo_estate.load(str(path))
	statuses = set(frappe.get_all("Complaint Register", filters={"estate": "翠湖花园"}, pluck="status"))
	expected = {row["target"].split(" (")[0] for row in wanted}
	assert expected <= statuses
	orders = set(frappe.get_all("Repair Work Order", filters={"estate": "翠湖花园"}, pluck="status"))
	assert {"Requested", "Dispatched", "In Progress", "Completed", "Verified", "Closed"} <= orders
	samples = frappe.get_all("Visit Sample", filters={"estate": "翠湖花园"}, pluck="name")
	assert samples
	rule = sampling_rule()
	for name in samples:  # RV-4 on the demo's months
		sample = frappe.get_doc("Visit Sample", name)
		assert sample.sample_size == sample_size(sample.order_count, rule) == len(sample.orders)
		in_person = [row for row in sample.orders if row.method == "In Person"]
		assert len(in_person) * 2 > len(sample.orders) or not sample.orders
		assert all(row.return_visit for row in sample.orders)

	counts = {
		dt: frappe.db.count(dt)
		for dt in ("Complaint Register", "Repair Work Order", "Return Visit", "Resident")
	}
	demo_estate.load(str(path))
	assert {dt: frappe.db.count(dt) for dt in counts} == counts, "loading again adds nothing"

	staff = frappe.get_doc("User", "liu.fang@demo.property-service.local")
	assert staff.language == "zh" and "Customer Service Assistant" in {r.role for r in staff.roles}
	assert frappe.utils.password.check_password(staff.name, demo_estate.PASSWORD)
