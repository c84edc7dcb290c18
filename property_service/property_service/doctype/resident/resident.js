frappe.ui.form.on("Resident", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.user || !frm.doc.email) return;
		frm.add_custom_button(__("Invite to the Resident Portal"), () =>
			frm.call("invite_to_portal").then(() => {
				frappe.show_alert({ message: __("Invitation sent to {0}", [frm.doc.email]), indicator: "green" });
				frm.reload_doc();
			})
		);
	},
});
