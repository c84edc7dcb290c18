frappe.listview_settings["Key Resident Contact"] = {
	add_fields: ["status", "due_on", "deadline_breached"],
	get_indicator(doc) {
		if (doc.status === "Contacted") return [__("Contacted"), "green", "status,=,Contacted"];
		if (doc.status === "No Longer Key") return [__("No Longer Key"), "gray", "status,=,No Longer Key"];
		return doc.deadline_breached || (doc.due_on && doc.due_on < frappe.datetime.get_today())
			? [__("Contact Overdue"), "red", "status,=,To Contact"]
			: [__("To Contact"), "orange", "status,=,To Contact"];
	},
};
