"""HN-3: the remedial measures the team records on the complaint's latest handling notice."""

import frappe

from property_service.controllers.notifications import resident_context


def get_context(context):
	doc = context["doc"]
	measures = frappe.get_all(
		"Handling Notice",
		filters={"complaint": doc.name, "status": ("!=", "Withdrawn"), "remedial_measures": ("is", "set")},
		pluck="remedial_measures",
		order_by="creation desc",
		limit=1,
	)
	return {**resident_context(doc), "remedial_measures": measures[0] if measures else None}
