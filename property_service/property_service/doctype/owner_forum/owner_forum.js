frappe.ui.form.on("Owner Forum", {
	onload(frm) {
		show_versions_readably(frm);
	},
	setup(frm) {
		for (const table of ["attendees", "opinions"]) {
			frm.set_query("resident", table, () => ({ filters: { estate: frm.doc.estate } }));
			frm.set_query("property_unit", table, () => ({ filters: { estate: frm.doc.estate } }));
		}
	},
	refresh(frm) {
		if (frm.doc.status === "Planned" && frm.doc.due_by) {
			const late = frm.doc.deadline_breached || frm.doc.due_by < frappe.datetime.get_today();
			frm.dashboard.set_headline_alert(
				late
					? __("Forum overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_by)])
					: __("To be held by {0}", [frappe.datetime.str_to_user(frm.doc.due_by)]),
				late ? "red" : "orange"
			);
		}
		if (frm.is_new() || !(frm.perm[0] && frm.perm[0].write)) return;
		if (frm.doc.status === "Planned") {
			frm.add_custom_button(__("Record as Held"), () =>
				frm.call("mark_held").then(({ message }) => {
					if (message) {
						frappe.show_alert({ message: __("Next forum planned: {0}", [message]), indicator: "green" });
					}
					frm.reload_doc();
				})
			);
		}
		const waiting = (frm.doc.opinions || []).some(
			(row) =>
				(["Complaint", "Suggestion"].includes(row.outcome) && !row.complaint) ||
				(row.outcome === "Follow-up Action" && !row.assigned_on)
		);
		if (frm.doc.status === "Held" && waiting) {
			frm.add_custom_button(__("Register Opinions"), () =>
				frm.call("register_opinions").then(({ message }) => {
					frappe.show_alert({
						message: __("{0} complaints or suggestions registered, {1} actions assigned", [
							message.complaints,
							message.actions,
						]),
						indicator: "green",
					});
					frm.reload_doc();
				})
			);
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
