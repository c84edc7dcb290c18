// RC-5: the company's manager draws the sample, records a finding for each complaint and submits;
// each finding that calls for an action becomes one
frappe.ui.form.on("Complaint Handling Check", {
	onload(frm) {
		show_versions_readably(frm);
		if (frm.is_new() && !frm.doc.period_from) {
			const first = frappe.datetime.add_months(frappe.datetime.month_start(), -1);
			frm.set_value("period_from", first);
			frm.set_value("period_to", frappe.datetime.add_days(frappe.datetime.month_start(), -1));
		}
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.actions_open) {
			frm.dashboard.set_headline_alert(
				__("{0} actions of this check still open", [frm.doc.actions_open]),
				"orange"
			);
		}
		if (frm.is_new() || frm.doc.docstatus !== 0 || !(frm.perm[0] && frm.perm[0].write)) return;
		frm.add_custom_button(__("Draw Sample"), () =>
			frm.call("draw_sample").then(({ message }) => {
				frappe.show_alert({ message: __("{0} complaints added to check", [message]), indicator: "green" });
				frm.reload_doc();
			})
		);
	},
});

frappe.ui.form.on("Handling Check Finding", {
	result(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (row.result === "Shortfall Found" && !row.needs_action) {
			frappe.model.set_value(cdt, cdn, "needs_action", 1);
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
