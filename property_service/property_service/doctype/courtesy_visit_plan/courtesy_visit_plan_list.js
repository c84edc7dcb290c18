frappe.listview_settings["Courtesy Visit Plan"] = {
	add_fields: ["status", "completion", "visits_overdue"],
	get_indicator(doc) {
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		if (doc.visits_overdue) return [__("Visits Overdue"), "red", "visits_overdue,>,0"];
		if (doc.status === "Under Way") return [__("Under Way"), "blue", "status,=,Under Way"];
		return [__("Planning"), "orange", "status,=,Planning"];
	},
};
