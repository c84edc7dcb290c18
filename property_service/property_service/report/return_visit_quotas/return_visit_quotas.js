frappe.query_reports["Return Visit Quotas"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{
			fieldname: "from_date",
			label: __("Visits Due From"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Visits Due To"),
			fieldtype: "Date",
			default: frappe.datetime.month_end(),
			reqd: 1,
		},
		{
			fieldname: "visit_kind",
			label: __("Visit For"),
			fieldtype: "Select",
			options: ["", "Complaint", "Repair", "Decoration", "Survey Action", "Monthly Sample"],
			description: __("Empty: the repair visits, which the quotas are set for."),
		},
	],
};
