"""Work that commits a unit at a time: a sweep's batch, an alert carried out, a daily reminder."""

from contextlib import contextmanager

import frappe


@contextmanager
def one_transaction(savepoint: str):
	"""Commits what the block did; a failure undoes the block and nothing before it."""
	if frappe.flags.in_test:
		# the test's transaction is rolled back after the test: a savepoint stands in for the commit
		frappe.db.savepoint(savepoint)
		try:
			yield
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			raise
		frappe.db.release_savepoint(savepoint)
		return
	try:
		yield
	except Exception:
		frappe.db.rollback()
		raise
	frappe.db.commit()
