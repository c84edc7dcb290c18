import frappe
from frappe import _
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document


class KeptRecordRow(Document):
	"""A row of a kept record's table (a complaint's escalations, a work order's parts, …): read,
	written and removed with its record only.

	Saved or deleted on its own (REST on the child DocType), a row would skip its record's rules, totals
	and version history, so that is refused; Frappe's own child paths (frappe.client.insert, set_value
	and delete of a child row) save the record, which applies them. Loaded on its own, its `parent_doc`
	is its record, so that Frappe's permission check of a child row checks the record (a technician's
	narrowing to their own orders), not only its DocType."""

	@property
	def parent_doc(self):
		record = BaseDocument.parent_doc.fget(self)
		if record is None and self.get("parenttype") and self.get("parent"):
			if frappe.db.exists(self.parenttype, self.parent):
				record = frappe.get_doc(self.parenttype, self.parent)
				self._parent_doc = record
		return record

	@parent_doc.setter
	def parent_doc(self, value):
		self._parent_doc = value

	@parent_doc.deleter
	def parent_doc(self):
		self._parent_doc = None

	def before_validate(self):
		# runs only when the row itself is saved: through its record, Frappe runs the record's methods
		self.refuse_alone()

	def on_trash(self):
		self.refuse_alone()

	def refuse_alone(self):
		frappe.throw(
			_("A row of {0} is changed through its record {1}.").format(_(self.parenttype), self.parent),
			frappe.PermissionError,
		)
