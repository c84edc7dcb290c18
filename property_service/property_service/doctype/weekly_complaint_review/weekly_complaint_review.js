frappe.ui.form.on("Weekly Complaint Review", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || frm.doc.status !== "Drafted") return;
		frm.add_custom_button(__("Gather the Week's Records Again"), () =>
			frm.call("gather_records").then(() => frm.reload_doc())
		);
	},
});
