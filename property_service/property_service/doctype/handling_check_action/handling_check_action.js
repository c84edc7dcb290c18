frappe.ui.form.on("Handling Check Action", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Rectifying") return;
		if (frm.doc.deadline_breached) {
			frm.dashboard.set_headline_alert(__("Overdue: due on {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]), "red");
		}
		add_mark_rectified(frm);
	},
});

{% include "property_service/public/js/readable_activity.js" %}
{% include "property_service/public/js/corrective_action.js" %}
