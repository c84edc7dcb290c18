frappe.ui.form.on("Courtesy Visit", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		const today = frappe.datetime.get_today();
		if (frm.doc.status === "Visit Planned" && frm.doc.due_by) {
			const late = frm.doc.due_by < today;
			frm.dashboard.set_headline_alert(
				late
					? __("Overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_by)])
					: __("To be made by {0}", [frappe.datetime.str_to_user(frm.doc.due_by)]),
				late ? "red" : "orange"
			);
		}
		if (frm.is_new() || !(frm.perm[0] && frm.perm[0].write)) return;
		if (frm.doc.status === "Visit Planned") {
			frm.add_custom_button(__("Made Just Now"), () => {
				frm.set_value("visited_on", frappe.datetime.now_datetime());
				frm.scroll_to_field("property_unit");
			});
		}
		if (frm.doc.status === "Visit Made" && frm.doc.opinions && !frm.doc.complaint) {
			frm.add_custom_button(__("Register a Complaint"), () =>
				frm.call("register_complaint").then(({ message }) => {
					frappe.show_alert({ message: __("Complaint {0} registered", [message]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
	},
	property_unit(frm) {
		if (frm.doc.resident && frm.doc.property_unit) frm.set_value("resident", null);
	},
	setup(frm) {
		frm.set_query("property_unit", () => ({ filters: { estate: frm.doc.estate } }));
		frm.set_query("resident", () => ({
			filters: frm.doc.property_unit ? { property_unit: frm.doc.property_unit } : { estate: frm.doc.estate },
		}));
	},
});

{% include "property_service/public/js/readable_activity.js" %}
