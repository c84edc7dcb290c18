"""ERPNext, where a company has it: a household is an ERPNext Customer, a repair's charges become a Sales
Invoice in the estate's Company, and parts that name an ERPNext Item leave the estate's warehouse by a
Stock Entry. On a site without ERPNext none of this runs and none of its fields exist: a Link to
Customer or Item cannot exist there, so the fields are custom fields made when ERPNext is on the site."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.utils import flt, now_datetime

from property_service.exceptions import RepairWorkOrderError

# what the app makes in ERPNext for a work order (its invoice, its parts' stock entries) names the order
REPAIR_WORK_ORDER_LINK = {
	"fieldname": "repair_work_order",
	"fieldtype": "Link",
	"options": "Repair Work Order",
	"label": "Repair Work Order",
	"read_only": 1,
	"no_copy": 1,
}

CUSTOM_FIELDS = {
	"Resident": [
		{
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"label": "ERPNext Customer",
			"description": "The household's customer in ERPNext, whom its repairs are invoiced to.",
			"insert_after": "user",
		}
	],
	"Estate": [
		{
			"fieldname": "erpnext_section",
			"fieldtype": "Section Break",
			"label": "ERPNext",
			"collapsible": 1,
			"insert_after": "service_calendar",
		},
		{
			"fieldname": "company",
			"fieldtype": "Link",
			"options": "Company",
			"label": "Company",
			"description": "The company whose books the estate's repair invoices and parts go into.",
			"insert_after": "erpnext_section",
		},
		{
			"fieldname": "cost_center",
			"fieldtype": "Link",
			"options": "Cost Center",
			"label": "Cost Center",
			"insert_after": "company",
		},
		{
			"fieldname": "warehouse",
			"fieldtype": "Link",
			"options": "Warehouse",
			"label": "Parts Warehouse",
			"description": "Parts used in repairs are issued from this warehouse.",
			"insert_after": "cost_center",
		},
	],
	"Property Service Settings": [
		{
			"fieldname": "erpnext_section",
			"fieldtype": "Section Break",
			"label": "ERPNext",
			"collapsible": 1,
			"insert_after": "repair_invoice_item",
		},
		{
			"fieldname": "customer_group",
			"fieldtype": "Link",
			"options": "Customer Group",
			"label": "Customer Group for Households",
			"insert_after": "erpnext_section",
		},
		{
			"fieldname": "territory",
			"fieldtype": "Link",
			"options": "Territory",
			"label": "Territory for Households",
			"insert_after": "customer_group",
		},
		{
			"fieldname": "callout_fee_item",
			"fieldtype": "Link",
			"options": "Item",
			"label": "Item for Call-out Fees",
			"insert_after": "territory",
		},
		{
			"fieldname": "parts_item",
			"fieldtype": "Link",
			"options": "Item",
			"label": "Item for Parts",
			"insert_after": "callout_fee_item",
		},
		{
			"fieldname": "labour_item",
			"fieldtype": "Link",
			"options": "Item",
			"label": "Item for Labour",
			"insert_after": "parts_item",
		},
		{
			"fieldname": "compensation_account",
			"fieldtype": "Link",
			"options": "Account",
			"label": "Account for Compensation Paid",
			"description": "The expense account a compensation agreement's journal entry debits.",
			"insert_after": "labour_item",
		},
	],
	"Compensation Agreement": [
		{
			"fieldname": "journal_entry",
			"fieldtype": "Link",
			"options": "Journal Entry",
			"label": "Journal Entry",
			"read_only": 1,
			"no_copy": 1,
			"allow_on_submit": 1,
			"insert_after": "payment_reference",
		}
	],
	"Repair Work Item": [
		{
			"fieldname": "item_code",
			"fieldtype": "Link",
			"options": "Item",
			"label": "Stock Item",
			"description": "A part taken from the estate's warehouse: it is issued when the repair is completed.",
			"insert_after": "description",
			"depends_on": "eval:doc.item_type=='Part'",
		}
	],
	"Sales Invoice": [{**REPAIR_WORK_ORDER_LINK, "insert_after": "customer"}],
	"Stock Entry": [{**REPAIR_WORK_ORDER_LINK, "insert_after": "stock_entry_type"}],
}


def on_site() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def set_up():
	"""After install and every migrate, and when ERPNext is installed after the app."""
	if on_site():
		create_custom_fields(CUSTOM_FIELDS, update=True)


def after_app_install(app_name: str):
	if app_name == "erpnext":
		set_up()


def settings():
	return frappe.get_cached_doc("Property Service Settings")


# --- households ------------------------------------------------------------------------------------


def household_customer(resident) -> str | None:
	"""The customer of the resident's household: theirs, else that of another resident of the same unit."""
	return resident.get("customer") or unit_customer(resident)


def unit_customer(resident) -> str | None:
	"""The customer another resident of the same unit already is."""
	return frappe.db.get_value(
		"Resident",
		{"property_unit": resident.property_unit, "customer": ("is", "set"), "name": ("!=", resident.name)},
		"customer",
	)


@frappe.whitelist(methods=["POST"])
def make_customer(resident: str) -> str:
	"""Create the household's ERPNext Customer from the Resident form, or link the one its unit has."""
	if not on_site():
		frappe.throw(_("ERPNext is not installed on this site."))
	doc = frappe.get_doc("Resident", resident)
	doc.check_permission("write")
	if doc.customer:
		frappe.throw(_("Resident {0} is already customer {1}.").format(doc.full_name, doc.customer))
	# two residents of one unit made customers at the same moment: the second waits for the first and
	# joins its customer. Nothing is written yet; ending the transaction here lets the reads after the
	# lock see what the first committed (MariaDB's snapshot starts at a transaction's first plain read)
	frappe.db.commit()
	frappe.db.get_value("Property Unit", doc.property_unit, "name", for_update=True)
	customer = unit_customer(doc)
	if not customer:
		frappe.has_permission("Customer", "create", throw=True)
		customer = new_customer(doc)  # as the user: ERPNext's own permissions on Customer apply
	doc.customer = customer
	doc.save()
	return customer


def new_customer(resident) -> str:
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": f"{resident.full_name} ({resident.property_unit})",
			"customer_type": "Individual",
			"customer_group": settings().get("customer_group")
			or frappe.db.get_single_value("Selling Settings", "customer_group"),
			"territory": settings().get("territory")
			or frappe.db.get_single_value("Selling Settings", "territory"),
			"mobile_no": resident.phone,
			"email_id": resident.email,
		}
	)
	if resident.user:
		# the resident sees the household's invoices in ERPNext's portal as well
		customer.append("portal_users", {"user": resident.user})
		give_customer_role(resident.user)
	return customer.insert().name


def give_customer_role(user: str):
	"""ERPNext's portal shows a customer's invoices to its portal users who have the Customer role, and
	gives that role only when a System Manager saves the customer (anyone else is told to ask one). The
	staff member has just been allowed to create the customer; the household's own portal account gets
	the role with it. Only a resident's website account: never a staff user's roles."""
	account = frappe.get_doc("User", user)
	if account.user_type != "Website User" or "Customer" in {row.role for row in account.roles}:
		return
	account.flags.ignore_permissions = True
	account.add_roles("Customer")


def keep_household(resident, method=None):
	"""Resident.validate: a customer is one household, so its residents live in one unit; and only staff
	who may see a customer in ERPNext name one by hand (whom the household's invoices go to, and whose
	portal users see them), other than the one the unit's household already is."""
	if not (on_site() and resident.get("customer")):
		return
	if (
		resident.has_value_changed("customer")
		and not resident.flags.ignore_permissions
		and resident.customer != unit_customer(resident)
		and not frappe.has_permission("Customer", "read", doc=resident.customer)
	):
		frappe.throw(
			_(
				"Only staff who may see customers in ERPNext link a resident to a customer other than their unit's."
			),
			frappe.PermissionError,
		)
	other_unit = frappe.db.get_value(
		"Resident",
		{
			"customer": resident.customer,
			"property_unit": ("!=", resident.property_unit),
			"name": ("!=", resident.name),
		},
		"property_unit",
	)
	if other_unit:
		frappe.throw(
			_("Customer {0} is the household of unit {1}; a resident of unit {2} cannot share it.").format(
				resident.customer, other_unit, resident.property_unit
			)
		)


# --- repair invoices -------------------------------------------------------------------------------


def keep_repair_link(doc, method=None):
	"""Sales Invoice and Stock Entry validate: which repair work order an invoice or a stock entry belongs
	to is the app's to say. Set by hand, an invoice would claim an order (it then counts as invoiced) and
	a stock entry would enter the order's parts reconciliation (post_parts)."""
	if (
		doc.get("repair_work_order")
		and doc.has_value_changed("repair_work_order")
		and not doc.flags.from_repair_work_order
	):
		frappe.throw(
			_("The repair work order of a {0} is set only by the work order itself.").format(_(doc.doctype)),
			frappe.PermissionError,
		)


def may_invoice() -> bool:
	return on_site() and bool(frappe.has_permission("Sales Invoice", "create"))


def invoice_lines(order) -> list[dict]:
	"""WO-5: the call-out fee, the parts and the labour, one line each, as the resident signed for them."""
	cost_center = frappe.db.get_value("Estate", order.estate, "cost_center")
	lines = []
	for item_field, amount, label in (
		("callout_fee_item", order.callout_fee, _("Call-out fee")),
		("parts_item", order.parts_total, _("Parts")),
		("labour_item", order.labour_total, _("Labour")),
	):
		if not flt(amount):
			continue
		item_code = settings().get(item_field)
		if not item_code:
			frappe.throw(
				_("Set the {0} in Property Service Settings first.").format(
					_(frappe.get_meta("Property Service Settings").get_label(item_field))
				)
			)
		lines.append(
			{
				"item_code": item_code,
				"qty": 1,
				"rate": flt(amount),
				"cost_center": cost_center,
				"description": _("{0} of repair {1} at {2}").format(label, order.name, order.property_unit),
			}
		)
	return lines


def make_sales_invoice(order) -> str:
	"""A draft Sales Invoice of the order's charges, made by staff who may create invoices in ERPNext.

	The order is read again from the database, its row locked: a desk call may hand in a document with
	any status, charges or resident (run_doc_method builds it from the request), and two clicks at once
	must not make two invoices (the second waits, then sees the first's)."""
	order = frappe.get_doc("Repair Work Order", order.name)
	order.check_permission("read")
	if not on_site():
		frappe.throw(_("ERPNext is not installed on this site, so repairs are not invoiced here."))
	frappe.has_permission("Sales Invoice", "create", throw=True)
	# a locking read sees what another request committed meanwhile, a plain read may not
	invoiced = frappe.db.get_value("Repair Work Order", order.name, "sales_invoice", for_update=True)
	if order.warranty_status != "Out of Warranty" or not flt(order.total_charge):
		frappe.throw(_("Only a chargeable work order is invoiced."), RepairWorkOrderError)
	if order.status not in ("Verified", "Closed"):
		frappe.throw(_("Invoice the repair once the resident has signed for it."), RepairWorkOrderError)
	if invoiced and frappe.db.get_value("Sales Invoice", invoiced, "docstatus") == 2:
		invoiced = None  # its invoice was cancelled in ERPNext: the repair is invoiced again
	existing = invoiced or frappe.db.get_value(
		"Sales Invoice", {"repair_work_order": order.name, "docstatus": ("<", 2)}
	)
	if existing:
		frappe.throw(_("Work order {0} is already invoiced: {1}.").format(order.name, existing))
	company = frappe.db.get_value("Estate", order.estate, "company")
	if not company:
		frappe.throw(_("Name the company of estate {0} first (its ERPNext section).").format(order.estate))
	resident = frappe.get_doc("Resident", order.resident)
	customer = household_customer(resident)
	if not customer:
		frappe.throw(_("Link resident {0} to an ERPNext customer first.").format(order.resident_name))
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"repair_work_order": order.name,
			"cost_center": frappe.db.get_value("Estate", order.estate, "cost_center"),
			"items": invoice_lines(order),
			"remarks": _("Repair work order {0}").format(order.name),
		}
	)
	invoice.flags.from_repair_work_order = True
	invoice.set_missing_values()
	invoice.insert()  # as the user: ERPNext's own permissions on Sales Invoice apply
	# the invoice's number is the app's record of it; the user's right was checked by the insert above
	order.db_set("sales_invoice", invoice.name)
	return invoice.name


def invoice_status(order, issued_only: bool = False) -> str | None:
	"""Unpaid, Paid, Cancelled…: as ERPNext has it now, for the order and (`issued_only`: not while the
	office still drafts it) the resident's portal page."""
	if not (on_site() and order.get("sales_invoice")):
		return None
	status, docstatus = frappe.db.get_value("Sales Invoice", order.sales_invoice, ["status", "docstatus"])
	return None if issued_only and docstatus == 0 else status


# --- parts from stock ------------------------------------------------------------------------------


def queue_parts_issue(order):
	"""When the repair is done (or sent back), post its parts once the change is committed."""
	takes_stock = any(row.get("item_code") for row in order.items)
	if not (takes_stock or frappe.db.exists("Stock Entry", {"repair_work_order": order.name})):
		return
	frappe.enqueue(
		"property_service.integrations.erpnext.post_parts",
		order=order.name,
		job_id=f"property_service:parts:{order.name}",
		deduplicate=True,
		enqueue_after_commit=True,
	)


def parts_posted(order_name: str) -> dict[str, float]:
	"""Net quantity of each item the order has taken from stock: issues less returns, submitted only."""
	purposes = dict(
		frappe.get_all(
			"Stock Entry",
			filters={"repair_work_order": order_name, "docstatus": 1},
			fields=["name", "purpose"],
			as_list=True,
		)
	)
	posted = defaultdict(float)
	if purposes:
		for row in frappe.get_all(
			"Stock Entry Detail",
			filters={"parent": ("in", list(purposes)), "parenttype": "Stock Entry"},
			fields=["parent", "item_code", "qty"],
		):
			sign = 1 if purposes[row.parent] == "Material Issue" else -1
			posted[row.item_code] += sign * flt(row.qty)
	return posted


def parts_wanted(order) -> dict[str, float]:
	"""What the part lines say was fitted, of the parts that come from stock."""
	wanted = defaultdict(float)
	for row in order.items:
		if row.get("item_code") and row.item_type == "Part":
			wanted[row.item_code] += flt(row.qty)
	return wanted


def post_parts(order: str):
	"""Bring the stock the order has taken in line with its part lines: issue what is used and not yet
	issued, return what was issued and is no longer used (a rework that gave a part back). Run as a
	background job; reconciling against what is already posted, under a lock on the order, makes a retry
	or a second worker post nothing twice."""
	frappe.db.get_value("Repair Work Order", order, "name", for_update=True)
	doc = frappe.get_doc("Repair Work Order", order)
	estate = frappe.db.get_value("Estate", doc.estate, ["company", "warehouse", "cost_center"], as_dict=True)
	posted, wanted = parts_posted(order), parts_wanted(doc)
	to_issue, to_return = [], []
	for item_code in sorted(set(posted) | set(wanted)):
		difference = round(wanted.get(item_code, 0) - posted.get(item_code, 0), 6)
		if difference > 0:
			to_issue.append((item_code, difference))
		elif difference < 0:
			to_return.append((item_code, -difference))
	if not (to_issue or to_return):
		return
	if not (estate and estate.company and estate.warehouse):
		doc.add_comment(
			"Comment",
			_("Parts were not taken from stock: estate {0} names no company and warehouse.").format(
				doc.estate
			),
		)
		return
	for purpose, rows, warehouse_field in (
		("Material Issue", to_issue, "s_warehouse"),
		("Material Receipt", to_return, "t_warehouse"),
	):
		if not rows:
			continue
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": purpose,
				"purpose": purpose,
				"company": estate.company,
				"repair_work_order": order,
				"remarks": _("Parts of repair work order {0}").format(order),
				"items": [
					{
						"item_code": item_code,
						"qty": qty,
						warehouse_field: estate.warehouse,
						"cost_center": estate.cost_center,
					}
					for item_code, qty in rows
				],
			}
		)
		# the app's own consequence of a repair the workflow let the technician complete: no user
		# asked for this entry, so there is no one's stock right to check
		entry.flags.ignore_permissions = True
		entry.flags.from_repair_work_order = True
		entry.insert()
		entry.submit()


# --- HRMS / ERPNext employees ----------------------------------------------------------------------


def employee_of(user: str | None) -> dict | None:
	"""The Employee a staff user is, where the site has employees (ERPNext's, which HRMS extends)."""
	if not (user and on_site()):
		return None
	return frappe.db.get_value(
		"Employee",
		{"user_id": user, "status": "Active"},
		["name", "employee_name", "designation", "department"],
		as_dict=True,
	)


def on_repair_update(order, method=None):
	"""Repair Work Order.on_update: each time the technician completes the repair (again, after a
	rework), the stock follows the part lines."""
	if on_site() and order.has_value_changed("status") and order.status == "Completed":
		queue_parts_issue(order)


def repair_onload(order, method=None):
	"""Repair Work Order.onload: what the form shows of ERPNext (the invoice button only to staff who
	may invoice, the invoice's status, the technician as an employee)."""
	if not on_site():
		return
	order.set_onload("may_invoice", may_invoice())
	order.set_onload("invoice_status", invoice_status(order))
	order.set_onload("technician_employee", employee_of(order.technician))


# --- compensation paid (IN-12) ---------------------------------------------------------------------


def may_pay_compensation() -> bool:
	return on_site() and bool(frappe.has_permission("Journal Entry", "create"))


def compensation_onload(agreement):
	"""Compensation Agreement.onload: the journal entry button only to staff who may make one in ERPNext."""
	if on_site():
		agreement.set_onload("may_make_journal_entry", may_pay_compensation())


def make_compensation_entry(agreement) -> str:
	"""A draft Journal Entry paying an approved compensation from the estate's company: the compensation
	account (Property Service Settings → ERPNext) debited on the estate's cost center, the company's cash
	(or, paid by transfer, bank) account credited. The accountant checks and submits it in ERPNext; the
	agreement names it, and its number becomes the payment's voucher once recorded."""
	agreement = frappe.get_doc("Compensation Agreement", agreement.name)
	agreement.check_permission("read")
	if not on_site():
		frappe.throw(_("ERPNext is not installed on this site, so compensation is not paid through it here."))
	frappe.has_permission("Journal Entry", "create", throw=True)
	made = frappe.db.get_value("Compensation Agreement", agreement.name, "journal_entry", for_update=True)
	if made and frappe.db.get_value("Journal Entry", made, "docstatus") != 2:
		frappe.throw(
			_("Compensation agreement {0} already has journal entry {1}.").format(agreement.name, made)
		)
	if agreement.docstatus != 1:
		frappe.throw(_("Compensation is paid once it is approved."))
	company, cost_center = frappe.db.get_value("Estate", agreement.estate, ["company", "cost_center"])
	if not company:
		frappe.throw(
			_("Name the company of estate {0} first (its ERPNext section).").format(agreement.estate)
		)
	expense = settings().get("compensation_account")
	if not expense:
		frappe.throw(
			_("Set the {0} in Property Service Settings first.").format(_("Account for Compensation Paid"))
		)
	by_bank = agreement.payment_method == "Bank Transfer"
	paid_from = frappe.get_cached_value(
		"Company", company, "default_bank_account" if by_bank else "default_cash_account"
	)
	if not paid_from:
		frappe.throw(_("Company {0} has no default cash or bank account.").format(company))
	remark = _("Compensation agreement {0} for complaint {1}").format(agreement.name, agreement.complaint)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Bank Entry" if by_bank else "Cash Entry",
			"company": company,
			"posting_date": agreement.paid_on or frappe.utils.today(),
			"cheque_no": agreement.name if by_bank else None,
			"cheque_date": (agreement.paid_on or frappe.utils.today()) if by_bank else None,
			"user_remark": remark,
			"accounts": [
				{
					"account": expense,
					"debit_in_account_currency": flt(agreement.amount),
					"cost_center": cost_center,
					"user_remark": remark,
				},
				{
					"account": paid_from,
					"credit_in_account_currency": flt(agreement.amount),
					"cost_center": cost_center,
				},
			],
		}
	)
	entry.insert()  # as the user: ERPNext's own permissions on Journal Entry apply
	agreement.db_set("journal_entry", entry.name)
	return entry.name


# --- the demo estate on an ERPNext site ------------------------------------------------------------


def load_demo(estate: str, company_name: str, abbr: str, invoices: int = 6):
	"""The demo estate's side in ERPNext: its company (the setup wizard's, where the site has none yet),
	the estate's company, cost center and warehouse, the repair items, customers for the households with
	portal accounts and for the invoiced ones, and invoices of some chargeable repairs, paid and unpaid.
	Run as Administrator by demo_estate; safe to run again."""
	if not on_site():
		return
	company = ensure_company(company_name, abbr)
	frappe.db.set_value(
		"Estate",
		estate,
		{
			"company": company.name,
			"cost_center": company.cost_center,
			"warehouse": stores_of(company.name),
		},
	)
	repair_settings = frappe.get_single("Property Service Settings")
	repair_settings.update(
		{
			"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
			"territory": frappe.db.get_value("Territory", {"is_group": 0}),
			**demo_items(),
		}
	)
	repair_settings.save()
	households = frappe.get_all("Resident", filters={"estate": estate, "user": ("is", "set")}, pluck="name")
	orders = frappe.get_all(
		"Repair Work Order",
		filters={
			"estate": estate,
			"status": ("in", ("Verified", "Closed")),
			"warranty_status": "Out of Warranty",
			"total_charge": (">", 0),
			"sales_invoice": ("is", "not set"),
		},
		fields=["name", "resident"],
		order_by="completed_on desc",
		limit=invoices,
	)
	for resident in households + [order.resident for order in orders]:
		doc = frappe.get_doc("Resident", resident)
		if not doc.customer:
			doc.customer = household_customer(doc) or new_customer(doc)
			doc.save()
	for number, order in enumerate(orders):
		invoice = frappe.get_doc(
			"Sales Invoice", make_sales_invoice(frappe.get_doc("Repair Work Order", order.name))
		)
		invoice.submit()
		if number % 2 == 0:  # half of them paid at the counter
			from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

			payment = get_payment_entry("Sales Invoice", invoice.name)
			payment.reference_no, payment.reference_date = invoice.name, invoice.posting_date
			payment.insert().submit()


def stores_of(company: str) -> str | None:
	"""The company's stores: ERPNext's default warehouse where it is the company's, else a warehouse
	that is not for goods in transit."""
	default = frappe.db.get_single_value("Stock Settings", "default_warehouse")
	if default and frappe.db.get_value("Warehouse", default, "company") == company:
		return default
	return frappe.db.get_value(
		"Warehouse",
		{"company": company, "is_group": 0, "warehouse_type": ("!=", "Transit")},
		order_by="creation",
	)


def ensure_company(company_name: str, abbr: str):
	"""The company, made as a Chinese company makes it: through ERPNext's setup wizard on a site that has
	none yet, else as one more Company."""
	if not frappe.db.exists("Company", company_name):
		if frappe.db.a_row_exists("Company"):
			frappe.get_doc(
				{
					"doctype": "Company",
					"company_name": company_name,
					"abbr": abbr,
					"default_currency": "CNY",
					"country": "China",
					"chart_of_accounts": "Standard",
				}
			).insert()
		else:
			run_erpnext_setup(company_name, abbr)
	return frappe.get_doc("Company", company_name)


def run_erpnext_setup(company_name: str, abbr: str):
	"""ERPNext's setup wizard, as a Chinese company fills it in, keeping the site's own language."""
	from frappe.desk.page.setup_wizard.setup_wizard import get_setup_stages, parse_args, process_setup_stages

	language = frappe.db.get_single_value("System Settings", "language")
	# where Frappe's own setup is done, the wizard's stages take country, currency and time zone from
	# System Settings rather than from what it is given: a site that has none takes the company's
	for field, value in (("country", "China"), ("currency", "CNY"), ("time_zone", "Asia/Shanghai")):
		if not frappe.db.get_single_value("System Settings", field):
			frappe.db.set_single_value("System Settings", field, value)
	year = now_datetime().year
	args = parse_args(
		{
			"currency": "CNY",
			"country": "China",
			"timezone": "Asia/Shanghai",
			"language": "English",
			"company_name": company_name,
			"company_abbr": abbr,
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
		}
	)
	process_setup_stages(get_setup_stages(args), args)
	frappe.db.set_single_value("System Settings", "language", language)


DEMO_ITEMS = {
	"callout_fee_item": ("PS-CALLOUT", "上门费"),
	"parts_item": ("PS-PARTS", "维修材料费"),
	"labour_item": ("PS-LABOUR", "维修人工费"),
}


def demo_items() -> dict:
	item_group = frappe.db.get_value("Item Group", {"is_group": 0, "name": ("like", "%Service%")}) or (
		frappe.db.get_value("Item Group", {"is_group": 0})
	)
	for code, name in DEMO_ITEMS.values():
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": item_group,
					"stock_uom": frappe.db.get_value("UOM", "Nos") or frappe.db.get_value("UOM", {}),
					"is_stock_item": 0,
				}
			).insert()
	return {field: code for field, (code, _name) in DEMO_ITEMS.items()}
