"""ERPNext where a company has it (integrations/erpnext.py): households as Customers, repair charges as a
Sales Invoice in the estate's Company, parts issued from the estate's warehouse once. Runs on a site
with ERPNext (scripts/test's second site); skipped, saying so, on a site without it."""

import frappe
import pytest
from frappe.utils import flt, now_datetime

from property_service.integrations import erpnext
from tests.integration.conftest import ERPNEXT_ABBR, ERPNEXT_COMPANY, run_queued_job
from tests.integration.factories import (
	SIGNATURE,
	act,
	edit,
	ensure_base_data,
	ensure_user,
	make_work_order,
	repair_and_sign,
)

COMPANY, ABBR = ERPNEXT_COMPANY, ERPNEXT_ABBR
STOCK_PART = "PS-TEST-VALVE"


@pytest.fixture(scope="module")
def base():
	if not erpnext.on_site():
		pytest.skip(
			"ERPNext is not installed on this site: the ERPNext integration is tested on the second site"
		)
	base = ensure_base_data()
	erpnext.ensure_company(COMPANY, ABBR)
	items = ensure_items()
	settings = frappe.get_single("Property Service Settings")
	settings.update(
		{
			"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
			"territory": frappe.db.get_value("Territory", {"is_group": 0}),
			**items,
		}
	)
	settings.save()
	frappe.db.set_value(
		"Estate",
		base.estate,
		{
			"company": COMPANY,
			"cost_center": frappe.db.get_value("Company", COMPANY, "cost_center"),
			"warehouse": f"Stores - {ABBR}",
		},
	)
	# the assistant registers orders; the office's accountant makes customers and invoices
	ensure_user(
		"accountant@ps.test",
		"会计 Accountant",
		["Accounts User", "Sales User", "Customer Service Supervisor"],
	)
	frappe.db.commit()
	return base


def ensure_items() -> dict:
	item_group = frappe.db.get_value("Item Group", {"is_group": 0})
	codes = {
		"callout_fee_item": ("PS-TEST-CALLOUT", "上门费", 0),
		"parts_item": ("PS-TEST-PARTS", "维修材料费", 0),
		"labour_item": ("PS-TEST-LABOUR", "人工费", 0),
		"stock_part": (STOCK_PART, "阀芯", 1),
	}
	for code, name, is_stock in codes.values():
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": item_group,
					"stock_uom": "Nos",
					"is_stock_item": is_stock,
					"valuation_rate": 20 if is_stock else 0,
				}
			).insert()
	if (
		flt(
			frappe.db.get_value(
				"Bin", {"item_code": STOCK_PART, "warehouse": f"Stores - {ABBR}"}, "actual_qty"
			)
		)
		< 50
	):
		receipt = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"company": COMPANY,
				"items": [
					{
						"item_code": STOCK_PART,
						"qty": 100,
						"t_warehouse": f"Stores - {ABBR}",
						"basic_rate": 20,
					}
				],
			}
		).insert()
		receipt.submit()
	return {field: code for field, (code, _name, _stock) in codes.items() if field != "stock_part"}


def in_stock() -> float:
	return flt(
		frappe.db.get_value("Bin", {"item_code": STOCK_PART, "warehouse": f"Stores - {ABBR}"}, "actual_qty")
	)


def chargeable_order(base, resident=None, items=None):
	order = make_work_order(base, resident=resident or base.residents[0], callout_fee=30)
	return repair_and_sign(
		order,
		warranty_status="Out of Warranty",
		items=items
		or [
			{"item_type": "Part", "description": "阀芯", "qty": 2, "rate": 35},
			{"item_type": "Labour", "description": "更换", "qty": 1, "rate": 40},
		],
	)


def test_the_app_makes_its_erpnext_fields_only_where_erpnext_is(base):
	for doctype, fields in erpnext.CUSTOM_FIELDS.items():
		meta = frappe.get_meta(doctype)
		assert all(meta.get_field(field["fieldname"]) for field in fields), doctype


def test_a_household_is_one_erpnext_customer(base):
	first = frappe.get_doc("Resident", base.residents[0])
	# a household without a customer yet (make_customer commits, so an earlier run's may be there)
	frappe.db.set_value("Resident", {"property_unit": first.property_unit}, "customer", None)
	first.reload()
	frappe.set_user("assistant@ps.test")
	with pytest.raises(frappe.PermissionError):  # an assistant does not create customers in ERPNext
		erpnext.make_customer(first.name)
	frappe.set_user("accountant@ps.test")
	customer = erpnext.make_customer(first.name)
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Customer", customer)
	assert doc.customer_type == "Individual"
	settings = frappe.get_single("Property Service Settings")
	assert (doc.customer_group, doc.territory) == (settings.customer_group, settings.territory)
	assert frappe.db.get_value("Resident", first.name, "customer") == customer

	# another resident of the same unit is the same household
	tenant = frappe.get_doc(
		{
			"doctype": "Resident",
			"full_name": "租客 Tenant",
			"phone": "13800000009",
			"resident_type": "Tenant",
			"property_unit": first.property_unit,
		}
	).insert()
	assert erpnext.make_customer(tenant.name) == customer
	# a resident of another unit cannot join that household
	other = frappe.get_doc("Resident", base.residents[1])
	other.customer = customer
	with pytest.raises(frappe.ValidationError, match="household"):
		other.save()


def test_a_households_portal_account_gets_erpnexts_customer_role_with_it(base):
	resident = frappe.get_doc("Resident", base.residents[1])
	frappe.db.set_value("Resident", {"property_unit": resident.property_unit}, "customer", None)
	email = "household-portal@ps.test"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Household", "user_type": "Website User"}
		).insert(ignore_permissions=True)
	frappe.db.set_value("Resident", resident.name, "user", email)
	frappe.db.set_value("Resident", base.residents[0], "user", None)
	frappe.get_doc("User", email).remove_roles("Customer")
	frappe.clear_messages()
	frappe.set_user("accountant@ps.test")  # not a System Manager
	customer = erpnext.make_customer(resident.name)
	frappe.set_user("Administrator")
	assert "Customer" in frappe.get_roles(email)
	assert [row.user for row in frappe.get_doc("Customer", customer).portal_users] == [email]
	assert not [m for m in frappe.get_message_log() if "role" in str(m.get("message"))]  # nothing to ask for

	# a staff account is never given a portal role this way
	erpnext.give_customer_role("assistant@ps.test")
	assert "Customer" not in frappe.get_roles("assistant@ps.test")


def test_repair_charges_become_a_sales_invoice_in_the_estates_company(base):
	resident = frappe.get_doc("Resident", base.residents[0])
	if not resident.customer:
		erpnext.make_customer(resident.name)
	order = chargeable_order(base)
	assert order.total_charge == 30 + 70 + 40

	frappe.set_user("assistant@ps.test")  # may edit the order, may not invoice
	with pytest.raises(frappe.PermissionError):
		erpnext.make_sales_invoice(frappe.get_doc("Repair Work Order", order.name))
	assert not form_onload(order.name).get("may_invoice")

	frappe.set_user("accountant@ps.test")
	name = frappe.get_doc("Repair Work Order", order.name).run_method("make_sales_invoice")
	frappe.set_user("Administrator")
	invoice = frappe.get_doc("Sales Invoice", name)
	assert invoice.company == COMPANY and invoice.repair_work_order == order.name
	assert frappe.db.get_value("Account", invoice.debit_to, "company") == COMPANY
	settings = frappe.get_single("Property Service Settings")
	assert [(row.item_code, row.amount) for row in invoice.items] == [
		(settings.callout_fee_item, 30),
		(settings.parts_item, 70),
		(settings.labour_item, 40),
	]
	assert {row.cost_center for row in invoice.items} == {
		frappe.db.get_value("Estate", base.estate, "cost_center")
	}
	assert invoice.grand_total == 140
	with pytest.raises(frappe.ValidationError, match="already invoiced"):
		erpnext.make_sales_invoice(frappe.get_doc("Repair Work Order", order.name))

	invoice.submit()
	order = frappe.get_doc("Repair Work Order", order.name)
	assert erpnext.invoice_status(order) == "Unpaid"
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	payment = get_payment_entry("Sales Invoice", invoice.name)
	payment.reference_no, payment.reference_date = "TEST-1", now_datetime().date()
	payment.insert().submit()
	assert erpnext.invoice_status(order) == "Paid"


def test_parts_from_stock_are_issued_once_and_returned_on_rework(base):
	before = in_stock()
	order = edit(make_work_order(base), "assistant@ps.test", technician="technician@ps.test")
	order = act(act(order, "Dispatch", "assistant@ps.test"), "Start Work", "technician@ps.test")
	valve = {"item_type": "Part", "description": "阀芯", "rate": 35, "item_code": STOCK_PART}
	order = edit(
		order, "technician@ps.test", diagnosis="阀芯老化", work_done="更换阀芯", items=[{**valve, "qty": 3}]
	)
	order = act(order, "Complete", "technician@ps.test")
	# the issue waits for the commit, in a job of its own
	run_queued_job(f"property_service:parts:{order.name}")
	erpnext.post_parts(order.name)  # a retry, or a second worker, posts nothing more
	frappe.db.commit()
	assert posted_purposes(order.name) == ["Material Issue"]
	assert in_stock() == before - 3

	# not satisfied: reworked, the technician gives one valve back to the store
	order = edit(
		order, "technician@ps.test", resident_satisfied="Not Satisfied", resident_signature=SIGNATURE
	)
	order = act(order, "Rework", "technician@ps.test")
	order = edit(order, "technician@ps.test", items=[{**valve, "qty": 2}])
	order = act(order, "Complete", "technician@ps.test")
	run_queued_job(f"property_service:parts:{order.name}")
	erpnext.post_parts(order.name)
	frappe.db.commit()
	assert in_stock() == before - 2
	assert posted_purposes(order.name) == ["Material Issue", "Material Receipt"]


def posted_purposes(order_name: str) -> list[str]:
	return sorted(
		frappe.get_all(
			"Stock Entry", filters={"repair_work_order": order_name, "docstatus": 1}, pluck="purpose"
		)
	)


def form_onload(order_name: str) -> dict:
	"""What the desk's form loader hands the form (frappe.desk.form.load runs onload)."""
	doc = frappe.get_doc("Repair Work Order", order_name)
	doc.run_method("onload")
	return doc.get_onload()


def test_a_technician_who_is_an_employee_shows_as_one(base):
	if not frappe.db.exists("Employee", {"user_id": "technician@ps.test"}):
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "师傅",
				"gender": frappe.db.get_value("Gender", {}) or "Male",
				"date_of_birth": "1985-01-01",
				"date_of_joining": "2020-01-01",
				"company": COMPANY,
				"user_id": "technician@ps.test",
			}
		).insert()
	employee = erpnext.employee_of("technician@ps.test")
	assert employee and employee.employee_name == "师傅"
	assert erpnext.employee_of("assistant@ps.test") is None


def test_the_apps_chinese_does_not_relabel_erpnext(base):
	from frappe.translate import get_translations_from_apps

	with_app = get_translations_from_apps("zh")
	without_app = get_translations_from_apps("zh", apps=["frappe", "erpnext", "hrms"])
	for word in ("Work Order", "Issue", "Customer", "Maintenance Visit", "Item", "Warehouse", "Rate"):
		assert with_app.get(word) == without_app.get(word), word


def test_the_demo_on_an_erpnext_site_invoices_some_repairs_paid_and_unpaid(base):
	orders = [chargeable_order(base).name for _ in range(2)]
	erpnext.load_demo(base.estate, COMPANY, ABBR, invoices=2)
	invoices = [frappe.db.get_value("Repair Work Order", name, "sales_invoice") for name in orders]
	assert all(invoices)
	statuses = sorted(frappe.db.get_value("Sales Invoice", name, "status") for name in invoices)
	assert statuses == ["Paid", "Unpaid"]
	assert frappe.db.get_value("Estate", base.estate, "company") == COMPANY
	erpnext.load_demo(base.estate, COMPANY, ABBR, invoices=2)  # again: nothing invoiced twice
	assert frappe.db.count("Sales Invoice", {"repair_work_order": ("in", orders)}) == 2


def test_the_resident_sees_the_invoices_status_on_the_portal(base):
	from property_service.portal import request_detail

	resident = frappe.get_doc("Resident", base.residents[0])
	if not resident.customer:
		erpnext.make_customer(resident.name)
	order = chargeable_order(base)
	invoice = frappe.get_doc("Sales Invoice", erpnext.make_sales_invoice(order))
	assert not request_detail(resident, "repair", order.name).invoice_status  # the office's draft
	invoice.submit()
	assert request_detail(resident, "repair", order.name).invoice_status == "Unpaid"
	invoice.cancel()
	assert request_detail(resident, "repair", order.name).invoice_status == "Cancelled"
	# a cancelled invoice does not stand in the way of invoicing the repair again
	again = erpnext.make_sales_invoice(frappe.get_doc("Repair Work Order", order.name))
	assert again != invoice.name
	assert frappe.db.get_value("Repair Work Order", order.name, "sales_invoice") == again


# --- attacked over HTTP, as the people who might try ---------------------------------------------------


def token_of(user: str) -> str:
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	return f"{doc.api_key}:{secret}"


def invoice_over_http(api, token, **request):
	return api.call(
		"POST", "/api/method/run_doc_method", {"method": "make_sales_invoice", **request}, token=token
	)


def test_a_desk_call_invoices_the_stored_order_once_even_when_clicked_at_once(base, api):
	from concurrent.futures import ThreadPoolExecutor

	resident = frappe.get_doc("Resident", base.residents[0])
	if not resident.customer:
		erpnext.make_customer(resident.name)
	token = token_of("accountant@ps.test")

	# run_doc_method builds the order from the request: what it says of status, charges and resident
	# is not what is invoiced
	unsigned = make_work_order(base, callout_fee=30, warranty_status="Out of Warranty")
	frappe.db.commit()
	forged = {**unsigned.as_dict(convert_dates_to_str=True), "status": "Verified"}
	status, body = invoice_over_http(api, token, docs=frappe.as_json(forged))
	assert status == 417 and "signed" in str(body), body
	order = chargeable_order(base)
	frappe.db.commit()
	forged = {
		**order.as_dict(convert_dates_to_str=True),
		"callout_fee": 9999,
		"total_charge": 9999,
		"resident": base.residents[1],
	}
	status, body = invoice_over_http(api, token, docs=frappe.as_json(forged))
	assert status == 200, body
	invoice = frappe.get_doc("Sales Invoice", body["message"])
	assert invoice.grand_total == order.total_charge == 140
	assert invoice.customer == frappe.db.get_value("Resident", base.residents[0], "customer")

	# two clicks (or two accountants) at once: one invoice, the others told it exists
	order = chargeable_order(base)
	frappe.db.commit()
	with ThreadPoolExecutor(max_workers=3) as pool:
		answers = list(
			pool.map(
				lambda _i: invoice_over_http(api, token, dt="Repair Work Order", dn=order.name), range(3)
			)
		)
	assert sorted(status for status, _body in answers) == [200, 417, 417], answers
	frappe.db.rollback()
	assert frappe.db.count("Sales Invoice", {"repair_work_order": order.name}) == 1


def test_only_staff_who_see_customers_link_a_resident_to_one(base):
	first, second = (frappe.get_doc("Resident", name) for name in base.residents[:2])
	if not first.customer:
		erpnext.make_customer(first.name)
	first.reload()
	household = first.customer
	# an assistant, who sees no customer in ERPNext, moves no household's customer to another unit:
	# its invoices would go there, and its portal users would see them
	frappe.set_user("assistant@ps.test")
	try:
		first.customer = None
		first.save()
		second.reload()
		second.customer = household
		with pytest.raises(frappe.PermissionError):
			second.save()
	finally:
		frappe.set_user("Administrator")
		frappe.db.set_value("Resident", first.name, "customer", household)
	# the accountant may; the household rule still holds
	frappe.set_user("accountant@ps.test")
	try:
		second.reload()
		second.customer = household
		with pytest.raises(frappe.ValidationError, match="household"):
			second.save()
	finally:
		frappe.set_user("Administrator")


def test_no_invoice_or_stock_entry_claims_a_repair_by_hand(base):
	order = chargeable_order(base)
	frappe.set_user("accountant@ps.test")  # may invoice, but not say which repair an invoice is
	try:
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": COMPANY,
				"customer": frappe.db.get_value("Resident", base.residents[0], "customer")
				or erpnext.make_customer(base.residents[0]),
				"repair_work_order": order.name,
				"items": [
					{
						"item_code": frappe.get_single("Property Service Settings").labour_item,
						"qty": 1,
						"rate": 1,
					}
				],
			}
		)
		with pytest.raises(frappe.PermissionError):
			invoice.insert()
	finally:
		frappe.set_user("Administrator")
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": COMPANY,
			"repair_work_order": order.name,
			"items": [
				{"item_code": STOCK_PART, "qty": 5, "t_warehouse": f"Stores - {ABBR}", "basic_rate": 20}
			],
		}
	)
	with pytest.raises(frappe.PermissionError):  # not even the Administrator: only the app's own entries
		entry.insert()
	assert erpnext.parts_posted(order.name) == {}


def test_two_residents_of_a_unit_made_customers_at_once_are_one_household(base, api):
	from concurrent.futures import ThreadPoolExecutor

	unit = (
		frappe.get_doc(
			{
				"doctype": "Property Unit",
				"building": base.building,
				"unit_number": frappe.generate_hash(length=6),
			}
		)
		.insert()
		.name
	)
	residents = [
		frappe.get_doc(
			{
				"doctype": "Resident",
				"full_name": name,
				"phone": phone,
				"resident_type": "Tenant",
				"property_unit": unit,
			}
		)
		.insert()
		.name
		for name, phone in (("合租甲", "13800000021"), ("合租乙", "13800000022"))
	]
	frappe.db.commit()
	token = token_of("accountant@ps.test")
	with ThreadPoolExecutor(max_workers=2) as pool:
		answers = list(
			pool.map(
				lambda resident: api.call(
					"POST",
					"/api/method/property_service.integrations.erpnext.make_customer",
					{"resident": resident},
					token=token,
				),
				residents,
			)
		)
	assert [status for status, _body in answers] == [200, 200], answers
	frappe.db.rollback()
	assert len({frappe.db.get_value("Resident", name, "customer") for name in residents}) == 1
