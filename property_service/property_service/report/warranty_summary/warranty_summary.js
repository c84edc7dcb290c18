frappe.query_reports["Warranty Summary"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{
			fieldname: "from_date",
			label: __("Sent From"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -365),
		},
		{ fieldname: "to_date", label: __("Sent To"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{
			fieldname: "works_type",
			label: __("Works"),
			fieldtype: "Select",
			options: ["", "Company-Built Works", "Subcontracted Works"],
		},
	],
};
