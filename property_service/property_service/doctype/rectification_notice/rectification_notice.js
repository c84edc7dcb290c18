frappe.ui.form.on("Rectification Notice", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		// set here, translated: a Datetime field appends the time zone to its description
		frm.set_df_property(
			"rectified_on",
			"description",
			__("When the problem was put right; Rectified Just Now fills it in.")
		);
		if (frm.doc.status === "Awaiting Rectification" && frm.doc.due_on) {
			// RV-7: rectified within the settings' hours, watched by the sweep
			const late = frm.doc.deadline_breached || frm.doc.due_on < frappe.datetime.system_datetime();
			frm.dashboard.set_headline_alert(
				late
					? __("Overdue: to be rectified by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)])
					: __("Rectify by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]),
				late ? "red" : "orange"
			);
		} else if (frm.doc.status === "Rectified") {
			frm.dashboard.set_headline_alert(
				frm.doc.deadline_breached
					? __("Rectified late, on {0}", [frappe.datetime.str_to_user(frm.doc.rectified_on)])
					: __("Rectified on {0}", [frappe.datetime.str_to_user(frm.doc.rectified_on)]),
				frm.doc.deadline_breached ? "orange" : "green"
			);
		}
		if (!frm.is_new() && frm.doc.status === "Awaiting Rectification" && frm.perm[0] && frm.perm[0].write) {
			if (frappe.is_mobile()) {
				// a phone's head has room for one button: the technician's step, in place of Save
				frm.page.set_primary_action(__("Rectified Just Now"), () => record_rectified(frm));
			} else {
				frm.add_custom_button(__("Rectified Just Now"), () => record_rectified(frm)).addClass("btn-primary");
			}
		}
	},
});

function record_rectified(frm) {
	frappe.prompt(
		[
			{
				fieldname: "rectification",
				fieldtype: "Small Text",
				label: __("What Was Done"),
				reqd: 1,
				default: frm.doc.rectification,
			},
		],
		(values) => {
			// the time is the app's, not the phone's clock
			frm.call("record_rectified", { rectification: values.rectification }).then(() => frm.reload_doc());
		},
		__("Rectified Just Now"),
		__("Record")
	);
}

{% include "property_service/public/js/readable_activity.js" %}
