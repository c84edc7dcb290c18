frappe.ui.form.on("Survey Corrective Action", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Rectifying") return;
		add_mark_rectified(frm);
	},
});

{% include "property_service/public/js/corrective_action.js" %}
