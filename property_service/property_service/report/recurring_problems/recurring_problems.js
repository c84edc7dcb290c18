frappe.query_reports["Recurring Problems"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date", default: frappe.datetime.year_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "min_complaints", label: __("At Least (Complaints)"), fieldtype: "Int" },
	],
};
