frappe.query_reports["Recurring Problems"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{
			fieldname: "analysis_view",
			label: __("For the Meeting"),
			fieldtype: "Select",
			// RC-2: the half-yearly and year-end analysis meetings
			options: ["", "First Half of This Year", "Whole of This Year", "Second Half of Last Year", "Whole of Last Year"],
			on_change(report) {
				const view = report.get_filter_value("analysis_view");
				const year = moment().year() - (view.includes("Last Year") ? 1 : 0);
				const periods = {
					"First Half of This Year": [`${year}-01-01`, `${year}-06-30`],
					"Whole of This Year": [`${year}-01-01`, `${year}-12-31`],
					"Second Half of Last Year": [`${year}-07-01`, `${year}-12-31`],
					"Whole of Last Year": [`${year}-01-01`, `${year}-12-31`],
				};
				if (!periods[view]) return;
				report.set_filter_value({ from_date: periods[view][0], to_date: periods[view][1] });
			},
		},
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date", default: frappe.datetime.year_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "min_complaints", label: __("At Least (Complaints)"), fieldtype: "Int" },
	],
	onload(report) {
		// the box shows the threshold the report applies: the settings' own unless one is typed in
		if (report.get_filter_value("min_complaints")) return;
		frappe
			.xcall("property_service.property_service.report.recurring_problems.recurring_problems.default_threshold")
			.then((threshold) => report.set_filter_value("min_complaints", threshold));
	},
};
