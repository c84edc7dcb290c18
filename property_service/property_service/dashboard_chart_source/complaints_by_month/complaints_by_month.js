frappe.provide("frappe.dashboards.chart_sources");

// the data and its labels in the reader's language: property_service/dashboard.py
frappe.dashboards.chart_sources["Complaints by Month"] = {
	method: "property_service.dashboard.complaints_by_month",
	filters: [{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" }],
};
