"""IN-12 with ERPNext on the site: an approved compensation paid through a draft Journal Entry of the
estate's company, made only by staff who may make journal entries, once. Skipped without ERPNext."""

import frappe
import pytest
from frappe.utils import flt

from tests.integration.factories import act, make_complaint
from tests.integration.test_compensation import new_agreement
from tests.integration.test_erpnext import ABBR, COMPANY
from tests.integration.test_erpnext import base as erpnext_base  # noqa: F401  (the module's fixture)


@pytest.fixture
def approved(erpnext_base):  # noqa: F811
	account = frappe.db.get_value(
		"Account", {"company": COMPANY, "root_type": "Expense", "is_group": 0, "account_type": ""}
	)
	frappe.db.set_single_value("Property Service Settings", "compensation_account", account)
	frappe.clear_document_cache("Property Service Settings", "Property Service Settings")
	agreement = new_agreement(make_complaint(erpnext_base, validity="Valid"), 500)
	agreement = act(agreement, "Send for Approval", "assistant@ps.test")
	return act(agreement, "Approve Compensation", "supervisor@ps.test"), account


def test_an_approved_compensation_becomes_a_draft_journal_entry(approved):
	agreement, account = approved
	frappe.set_user("accountant@ps.test")
	try:
		agreement = frappe.get_doc("Compensation Agreement", agreement.name)
		agreement.run_method("onload")
		assert agreement.get_onload().may_make_journal_entry
		name = agreement.make_journal_entry()
		with pytest.raises(frappe.ValidationError):  # once
			frappe.get_doc("Compensation Agreement", agreement.name).make_journal_entry()
	finally:
		frappe.set_user("Administrator")
	entry = frappe.get_doc("Journal Entry", name)
	assert entry.docstatus == 0 and entry.company == COMPANY and agreement.name in entry.user_remark
	debit = next(row for row in entry.accounts if flt(row.debit_in_account_currency))
	credit = next(row for row in entry.accounts if flt(row.credit_in_account_currency))
	assert (debit.account, flt(debit.debit_in_account_currency)) == (account, 500)
	assert credit.account == frappe.db.get_value("Company", COMPANY, "default_cash_account")
	assert credit.account.endswith(ABBR) and flt(credit.credit_in_account_currency) == 500
	assert frappe.db.get_value("Compensation Agreement", agreement.name, "journal_entry") == name


def test_only_staff_who_may_make_journal_entries_pay_through_erpnext(approved):
	agreement, _account = approved
	frappe.set_user("assistant@ps.test")
	try:
		agreement = frappe.get_doc("Compensation Agreement", agreement.name)
		agreement.run_method("onload")
		assert not agreement.get_onload().may_make_journal_entry
		with pytest.raises(frappe.PermissionError):
			agreement.make_journal_entry()
	finally:
		frappe.set_user("Administrator")
