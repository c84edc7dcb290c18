// RE-2: the period's return visits on one sheet (回访记录汇总表), printed with the company's form code
frappe.query_reports["Return Visit Summary Sheet"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "visit_kind",
			label: __("Visit For"),
			fieldtype: "Select",
			options: ["", "Complaint", "Repair", "Decoration", "Survey Action", "Monthly Sample", "Suggestion"].map((value) => ({
				value,
				label: value ? __(value) : "",
			})),
		},
	],
	onload(report) {
		// Frappe's print page reads the report's columns, which it sets only when a run returns rows: a
		// period without visits printed nothing but a script error, where the sheet should say "None"
		report.columns = report.columns || [];
	},
};
