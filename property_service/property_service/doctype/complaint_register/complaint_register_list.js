frappe.listview_settings["Complaint Register"] = {
	add_fields: ["status", "classification", "escalation_level"],
	get_indicator(doc) {
		const colours = {
			Registered: "orange",
			Accepted: "blue",
			"In Handling": "blue",
			"Escalated to Supervisor": "red",
			"Escalated to Manager": "red",
			"Escalated to Director": "red",
			Resolved: "green",
			"Return Visit": "purple",
			Closed: "gray",
			Reopened: "orange",
		};
		return [__(doc.status), colours[doc.status] || "gray", "status,=," + doc.status];
	},
};
