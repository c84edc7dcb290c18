frappe.query_reports["Courtesy Visit Completion"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{
			fieldname: "plan_year",
			label: __("Plan Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
	],
};
