frappe.provide("frappe.dashboards.chart_sources");

// the data and its labels in the reader's language: property_service/dashboard.py
frappe.dashboards.chart_sources["Unresolved Complaints by Status"] = {
	method: "property_service.dashboard.unresolved_complaints_by_status",
	filters: [{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" }],
};
