frappe.query_reports["Survey Pareto"] = {
	filters: [
		{
			fieldname: "survey",
			label: __("Survey"),
			fieldtype: "Link",
			options: "Opinion Survey",
			reqd: 1,
			get_query: () => ({ filters: { status: ["in", ["Analysed", "Results Published"]] } }),
		},
	],
};
