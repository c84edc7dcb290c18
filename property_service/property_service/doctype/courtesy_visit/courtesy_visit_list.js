frappe.listview_settings["Courtesy Visit"] = {
	add_fields: ["status", "due_by"],
	get_indicator(doc) {
		if (doc.status === "Visit Made") return [__("Visit Made"), "green", "status,=,Visit Made"];
		return doc.due_by && doc.due_by < frappe.datetime.get_today()
			? [__("Courtesy Visit Overdue"), "red", "status,=,Visit Planned"]
			: [__("Visit Planned"), "orange", "status,=,Visit Planned"];
	},
};
