frappe.ui.form.on("Property Service Settings", {
	onload(frm) {
		// ES-5: every level is on the escalation ladder once; its rows are put in order and named,
		// not added or removed
		frm.set_df_property("escalation_ladder", "cannot_add_rows", true);
		frm.set_df_property("escalation_ladder", "cannot_delete_rows", true);
	},
});

frappe.ui.form.on("Escalation Level", {
	escalation_ladder_add(frm, cdt, cdn) {
		// Frappe's grid still adds a row on Tab from the last field of the last row
		frappe.model.clear_doc(cdt, cdn);
		frm.refresh_field("escalation_ladder");
	},
});
