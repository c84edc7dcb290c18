// IN-14: the closed complaints handed to the archive
frappe.ui.form.on("Archive Transfer", {
	onload(frm) {
		show_versions_readably(frm);
	},
	setup(frm) {
		frm.set_query("complaint", "complaints", () => ({
			filters: { estate: frm.doc.estate, status: "Closed", archived_in: ["is", "not set"] },
		}));
	},
	refresh(frm) {
		hide_time_zones(frm);
		name_linked_users(frm);
		if (frm.doc.docstatus !== 0) return;
		frm.add_custom_button(__("Get Closed Complaints"), () => {
			if (!frm.doc.estate) {
				frappe.msgprint(__("Choose the estate first."));
				return;
			}
			frappe
				.call({
					method: "property_service.property_service.doctype.archive_transfer.archive_transfer.closed_complaints_not_archived",
					args: { estate: frm.doc.estate },
				})
				.then(({ message }) => {
					const listed = new Set((frm.doc.complaints || []).map((row) => row.complaint));
					const added = (message || []).filter((row) => !listed.has(row.complaint));
					for (const row of added) frm.add_child("complaints", row);
					frm.refresh_field("complaints");
					frappe.show_alert({
						message: __("{0} closed complaints not yet archived added.", [added.length]),
						indicator: added.length ? "green" : "orange",
					});
				});
		});
	},
});

{% include "property_service/public/js/readable_activity.js" %}
