"""WO-2: who is coming."""

from frappe.utils import get_fullname

from property_service.controllers.notifications import resident_context


def get_context(context):
	doc = context["doc"]
	return {**resident_context(doc), "technician_name": get_fullname(doc.technician)}
