frappe.listview_settings["Return Visit"] = {
	add_fields: ["status", "due_on", "method"],
	get_indicator(doc) {
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		const overdue = frappe.datetime.get_diff(doc.due_on, frappe.datetime.now_datetime()) < 0;
		return overdue
			? [__("Visit Overdue"), "red", "status,=,To Visit"]
			: [__("To Visit"), "orange", "status,=,To Visit"];
	},
	onload(listview) {
		// RV-5: the role quotas of the visits in view, one click away
		listview.page.add_inner_button(__("Role Quotas"), () => {
			const estate = (listview.filters.find((f) => f[1] === "estate") || [])[3];
			frappe.set_route("query-report", "Return Visit Quotas", estate ? { estate } : {});
		});
	},
};
