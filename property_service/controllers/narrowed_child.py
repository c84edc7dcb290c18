import frappe
from frappe.model.document import Document


class NarrowedChildRow(Document):
	"""A row of a narrowed record's child table (permissions.NARROWED_CHILDREN). Loaded on its own
	(REST, frappe.client.get), Frappe checks the parent DocType and the table's permission level but not
	the record itself, so a technician could read another technician's order's rows by name; the row
	also answers with its record's permission."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		if not super().has_permission(permtype, debug=debug, user=user):
			return False
		record = self.parent_doc
		if record is None:
			if not (self.parenttype and self.parent and frappe.db.exists(self.parenttype, self.parent)):
				return False
			record = frappe.get_doc(self.parenttype, self.parent)
		return record.has_permission("read" if permtype == "read" else "write", debug=debug, user=user)
