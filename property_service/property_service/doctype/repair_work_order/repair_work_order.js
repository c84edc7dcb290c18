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
		// WO-5 with ERPNext: the charge becomes a draft Sales Invoice; without ERPNext there is no such action
		if (
			frappe.boot.versions &&
			frappe.boot.versions.erpnext &&
			frm.doc.warranty_status === "Out of Warranty" &&
			frm.doc.total_charge &&
			["Verified", "Closed"].includes(frm.doc.status) &&
			!frm.doc.sales_invoice
		) {
			frm.add_custom_button(__("Make Sales Invoice"), () =>
				frm.call("make_sales_invoice").then(({ message }) => {
					frm.reload_doc();
					frappe.set_route("Form", "Sales Invoice", message);
				})
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
