frappe.listview_settings["Handling Check Action"] = {
	add_fields: ["status", "deadline_breached"],
	get_indicator(doc) {
		if (doc.status === "Rectified") return [__("Rectified"), "green", "status,=,Rectified"];
		if (doc.deadline_breached) return [__("Overdue"), "red", "deadline_breached,=,1"];
		return [__("Rectifying"), "orange", "status,=,Rectifying"];
	},
};
