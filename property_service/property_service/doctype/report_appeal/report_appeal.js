// IN-13: an appeal against a report, its re-inspection and its written result, due by result_due
frappe.ui.form.on("Report Appeal", {
	onload(frm) {
		show_versions_readably(frm);
	},
	setup(frm) {
		const staff = () => ({ filters: { user_type: "System User", enabled: 1 } });
		for (const field of ["quality_lead", "inspector_1", "inspector_2", "authorised_by"]) {
			frm.set_query(field, staff);
		}
		frm.set_query("complaint", () => ({ filters: { estate: frm.doc.estate } }));
	},
	refresh(frm) {
		hide_time_zones(frm);
		name_linked_users(frm);
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.doc.result_due) return;
		const due = frappe.datetime.str_to_user(frm.doc.result_due);
		if (frappe.datetime.now_datetime() > frm.doc.result_due) {
			frm.set_intro(__("The written result was due {0}: it is late.", [due]), "red");
		} else {
			frm.set_intro(__("The written result is due {0}.", [due]), "blue");
		}
	},
	resident(frm) {
		if (!frm.doc.resident) return;
		frappe.db
			.get_value("Resident", frm.doc.resident, ["full_name", "phone"])
			.then(({ message }) => {
				if (!message) return;
				if (!frm.doc.appellant_name) frm.set_value("appellant_name", message.full_name);
				if (!frm.doc.contact_phone) frm.set_value("contact_phone", message.phone);
			});
	},
});

{% include "property_service/public/js/readable_activity.js" %}
