frappe.ui.form.on("Complaint Analysis Meeting", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Gather the Period's Problems Again"), () =>
			frm.call("gather_problems").then(() => frm.reload_doc())
		);
		if ((frm.doc.decisions || []).some((row) => !row.meeting_action)) {
			frm.add_custom_button(__("Make Actions from the Decisions"), () =>
				frm.call("make_actions").then(() => frm.reload_doc())
			);
		}
	},
});
