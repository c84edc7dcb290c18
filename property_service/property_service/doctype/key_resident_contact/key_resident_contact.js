frappe.ui.form.on("Key Resident Contact", {
	onload(frm) {
		show_versions_readably(frm);
	},
	setup(frm) {
		frm.set_query("resident", () => ({ filters: { is_key_resident: 1 } }));
	},
	refresh(frm) {
		// set here, translated: a Datetime field appends the time zone to its description
		frm.set_df_property(
			"contacted_on",
			"description",
			__("Fill in when the contact is made: the resident's next contact is then planned.")
		);
		if (frm.doc.status === "To Contact" && frm.doc.due_on) {
			const late = frm.doc.deadline_breached || frm.doc.due_on < frappe.datetime.get_today();
			frm.dashboard.set_headline_alert(
				late
					? __("Contact overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)])
					: __("Contact due by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]),
				late ? "red" : "orange"
			);
		}
		if (!frm.is_new() && frm.doc.status === "To Contact" && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Contacted Just Now"), () => {
				frm.set_value("contacted_on", frappe.datetime.now_datetime());
				frm.scroll_to_field("method");
			});
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
