frappe.ui.form.on("Repair Work Order", {
	refresh(frm) {
		if (frm.doc.is_emergency) {
			frm.dashboard.set_headline_alert(__("Emergency: dispatch first"), "red");
		}
		if (
			frm.doc.status === "Dispatched" &&
			!frm.doc.acknowledged_on &&
			frm.doc.technician === frappe.session.user
		) {
			frm.add_custom_button(__("Acknowledge"), () =>
				frm.call("acknowledge").then(() => frm.reload_doc())
			);
		}
		if (
			!frm.is_new() &&
			frm.doc.warranty_status === "In Warranty" &&
			!frm.doc.work_contact_sheet &&
			frappe.model.can_create("Work Contact Sheet")
		) {
			frm.add_custom_button(__("Send Work Contact Sheet"), () =>
				frappe.new_doc("Work Contact Sheet", { repair_work_order: frm.doc.name })
			);
		}
	},
	setup(frm) {
		frm.set_query("technician", () => ({
			query: "frappe.core.doctype.user.user.user_query",
			filters: { role: "Technician" },
		}));
	},
});

frappe.ui.form.on("Repair Work Item", {
	qty: (frm, cdt, cdn) => set_amount(frm, cdt, cdn),
	rate: (frm, cdt, cdn) => set_amount(frm, cdt, cdn),
});

function set_amount(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "amount", flt(row.qty) * flt(row.rate));
}
