frappe.ui.form.on("Resident", {
	refresh(frm) {
		if (frm.is_new()) return;
		// IN-7: a key resident's planned contact, to record when made
		if (frm.doc.is_key_resident && frappe.model.can_write("Key Resident Contact")) {
			frm.add_custom_button(__("Record Contact"), () =>
				frappe.db
					.get_value("Key Resident Contact", { resident: frm.doc.name, status: "To Contact" }, "name")
					.then(({ message }) =>
						message && message.name
							? frappe.set_route("Form", "Key Resident Contact", message.name)
							: frappe.new_doc("Key Resident Contact", { resident: frm.doc.name })
					)
			);
		}
		if (!frm.doc.user && frm.doc.email) {
			frm.add_custom_button(__("Invite to the Resident Portal"), () =>
				frm.call("invite_to_portal").then(() => {
					frappe.show_alert({
						message: __("Invitation sent to {0}", [frm.doc.email]),
						indicator: "green",
					});
					frm.reload_doc();
				})
			);
		}
		// with ERPNext: the household becomes a Customer, whom its repairs are invoiced to
		if (frm.fields_dict.customer && !frm.doc.customer && frappe.model.can_create("Customer")) {
			frm.add_custom_button(__("Make Customer"), () =>
				frappe
					.call("property_service.integrations.erpnext.make_customer", { resident: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
	},
});
