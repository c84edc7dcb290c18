frappe.listview_settings["Deadline Alert"] = {
	add_fields: ["status"],
	// an alert whose escalation, assignment and notification a background job has yet to carry out
	get_indicator(doc) {
		return doc.status === "To Carry Out"
			? [__("To Carry Out"), "orange", "status,=,To Carry Out"]
			: [__("Carried Out"), "green", "status,=,Carried Out"];
	},
};
