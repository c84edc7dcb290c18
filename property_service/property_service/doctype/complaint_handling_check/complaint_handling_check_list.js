frappe.listview_settings["Complaint Handling Check"] = {
	add_fields: ["status", "actions_open"],
	get_indicator(doc) {
		if (doc.docstatus === 0) return [__("Checking"), "red", "docstatus,=,0"];
		if (doc.status === "Actions Under Way") return [__("Actions Under Way"), "orange", "status,=,Actions Under Way"];
		return [__("Completed"), "green", "status,=,Completed"];
	},
};
