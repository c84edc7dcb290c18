frappe.ui.form.on("Return Visit", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		// set here, translated: a Datetime field appends the time zone to its description
		frm.set_df_property(
			"promised_reply_on",
			"description",
			__("A question that could not be answered during the visit.")
		);
		if (frm.doc.status === "To Visit" && frm.doc.due_on && frm.doc.due_on < frappe.datetime.system_datetime()) {
			frm.dashboard.set_headline_alert(
				__("Overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]),
				"red"
			);
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
