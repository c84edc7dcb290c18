frappe.ui.form.on("Handling Check Action", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Rectifying") return;
		if (frm.doc.deadline_breached) {
			frm.dashboard.set_headline_alert(__("Overdue: due on {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]), "red");
		}
		frm.add_custom_button(__("Mark Rectified"), () =>
			frappe.prompt(
				{
					fieldname: "measures_taken",
					fieldtype: "Text",
					label: __("Measures Taken"),
					reqd: 1,
					default: frm.doc.measures_taken,
				},
				({ measures_taken }) => frm.call("complete", { measures_taken }).then(() => frm.reload_doc()),
				__("Mark Rectified")
			)
		);
	},
});

{% include "property_service/public/js/readable_activity.js" %}
