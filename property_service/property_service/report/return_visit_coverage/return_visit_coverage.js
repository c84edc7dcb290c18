frappe.query_reports["Return Visit Coverage"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date", default: frappe.datetime.year_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	],
};
