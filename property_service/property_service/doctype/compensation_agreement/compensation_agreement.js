// IN-12: compensation for a valid complaint's loss, approved at the level its amount requires
frappe.ui.form.on("Compensation Agreement", {
	onload(frm) {
		show_versions_readably(frm);
	},
	setup(frm) {
		frm.set_query("complaint", () => ({ filters: { validity: "Valid" } }));
	},
	refresh(frm) {
		hide_time_zones(frm);
		name_linked_users(frm);
		if (frm.doc.status === "Awaiting Approval" && frm.doc.approver_role) {
			frm.set_intro(
				__("Waiting for approval by the {0} or a level above.", [__(frm.doc.approver_role)]),
				"orange"
			);
		} else if (frm.doc.status === "Approved") {
			frm.set_intro(__("Approved: record the day it is paid, then Record Payment."), "blue");
		}
		// with ERPNext on the site, to staff who may make journal entries
		if (frm.doc.docstatus === 1 && frm.doc.__onload?.may_make_journal_entry && !frm.doc.journal_entry) {
			frm.add_custom_button(__("Make Journal Entry"), () =>
				frm.call("make_journal_entry").then(({ message }) => {
					if (message) frappe.set_route("Form", "Journal Entry", message);
				})
			);
		}
	},
	complaint(frm) {
		if (frm.doc.complaint && !frm.doc.negotiated_with) {
			frappe.db
				.get_value("Complaint Register", frm.doc.complaint, "complainant_name")
				.then(({ message }) => frm.set_value("negotiated_with", message?.complainant_name || ""));
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
