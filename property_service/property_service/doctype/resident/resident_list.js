frappe.listview_settings["Resident"] = {
	add_fields: ["is_key_resident", "next_contact_due"],
	get_indicator(doc) {
		// IN-7: a key resident whose next contact is past due
		if (!doc.is_key_resident) return;
		return doc.next_contact_due && doc.next_contact_due < frappe.datetime.get_today()
			? [__("Contact Overdue"), "red", "is_key_resident,=,1"]
			: [__("Key Resident"), "blue", "is_key_resident,=,1"];
	},
};
