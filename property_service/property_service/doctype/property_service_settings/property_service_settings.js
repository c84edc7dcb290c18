frappe.ui.form.on("Property Service Settings", {
	onload(frm) {
		// ES-5: every level is on the escalation ladder once; its rows are put in order and named,
		// not added or removed
		frm.set_df_property("escalation_ladder", "cannot_add_rows", true);
		frm.set_df_property("escalation_ladder", "cannot_delete_rows", true);
	},
});
