frappe.query_reports["Complaint Statistics"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date", default: frappe.datetime.year_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "group_by",
			label: __("Count By"),
			fieldtype: "Select",
			options: ["Category", "Channel", "Classification", "Validity", "Team", "Estate", "Month"],
			default: "Category",
		},
	],
};
