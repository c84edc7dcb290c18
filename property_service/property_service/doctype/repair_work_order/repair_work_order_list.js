frappe.listview_settings["Repair Work Order"] = {
	add_fields: ["status", "is_emergency"],
	get_indicator(doc) {
		if (doc.is_emergency && ["Requested", "Dispatched"].includes(doc.status)) {
			return [__("Emergency"), "red", "is_emergency,=,1"];
		}
		const colours = {
			Requested: "orange",
			Dispatched: "blue",
			"In Progress": "blue",
			Completed: "purple",
			Verified: "green",
			Closed: "gray",
		};
		return [__(doc.status), colours[doc.status] || "gray", "status,=," + doc.status];
	},
};
