frappe.ui.form.on("Courtesy Visit Plan", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.visits_planned) {
			frm.dashboard.set_headline_alert(
				__("{0} of {1} visits made ({2}%), {3} overdue", [
					frm.doc.visits_made || 0,
					frm.doc.visits_planned,
					frm.doc.completion || 0,
					frm.doc.visits_overdue || 0,
				]),
				frm.doc.visits_overdue ? "red" : frm.doc.status === "Completed" ? "green" : "blue"
			);
		}
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Generate Visits"), () =>
				frm.call("generate_visits").then(({ message }) => {
					frappe.show_alert({ message: __("{0} visits generated", [message]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
		frm.add_custom_button(__("Courtesy Visits"), () =>
			frappe.set_route("List", "Courtesy Visit", { plan: frm.doc.name })
		);
	},
});

{% include "property_service/public/js/readable_activity.js" %}
