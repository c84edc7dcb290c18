frappe.listview_settings["Owner Forum"] = {
	add_fields: ["status", "due_by", "deadline_breached"],
	get_indicator(doc) {
		if (doc.status === "Held") return [__("Held"), "green", "status,=,Held"];
		return doc.deadline_breached || (doc.due_by && doc.due_by < frappe.datetime.get_today())
			? [__("Forum Overdue"), "red", "status,=,Planned"]
			: [__("Planned"), "orange", "status,=,Planned"];
	},
};
