frappe.query_reports["Survey Pareto"] = {
	filters: [
		{
			fieldname: "survey",
			label: __("Survey"),
			fieldtype: "Link",
			options: "Opinion Survey",
			get_query: () => ({ filters: { status: ["in", ["Analysed", "Results Published"]] } }),
		},
	],
	onload(report) {
		// a survey chosen on its form (Pareto Chart) is shown by its title, which arrives after the first
		// run: run again once the link is checked, if that run went without it
		if (!report.get_filter("survey").value) return;
		frappe.after_ajax(() => {
			if (!(report.data || []).length && report.get_filter_value("survey")) report.refresh();
		});
	},
};
