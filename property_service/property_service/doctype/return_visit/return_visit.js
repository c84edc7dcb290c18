frappe.ui.form.on("Return Visit", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		// set here, translated: a Datetime field appends the time zone to its description
		frm.set_df_property(
			"promised_reply_on",
			"description",
			__("A question that could not be answered during the visit.")
		);
		frm.set_df_property(
			"visited_on",
			"description",
			__(
				"When the visit was made, if its record is completed on a later day. Left empty, the visit counts as made when its record is completed."
			)
		);
		if (frm.doc.status === "To Visit" && frm.doc.record_due_on) {
			// RV-9: the visit is made; its record is due the same or the next day
			const late = frm.doc.record_late || frm.doc.record_due_on < frappe.datetime.get_today();
			frm.dashboard.set_headline_alert(
				late
					? __("Record overdue: visited {0}, to be recorded by {1}", [
							frappe.datetime.str_to_user(frm.doc.visited_on),
							frappe.datetime.str_to_user(frm.doc.record_due_on),
					  ])
					: __("Visited {0}: complete the record by {1}", [
							frappe.datetime.str_to_user(frm.doc.visited_on),
							frappe.datetime.str_to_user(frm.doc.record_due_on),
					  ]),
				late ? "red" : "orange"
			);
		} else if (frm.doc.status === "To Visit" && frm.doc.visit_from && frm.doc.visit_from > frappe.datetime.system_datetime()) {
			// RV-13: the repaired item is on its trial run
			frm.dashboard.set_headline_alert(
				__("On trial run until {0}: visit after it, by {1}", [
					frappe.datetime.str_to_user(frm.doc.visit_from),
					frappe.datetime.str_to_user(frm.doc.due_on),
				]),
				"blue"
			);
		} else if (frm.doc.status === "To Visit" && frm.doc.due_on && frm.doc.due_on < frappe.datetime.system_datetime()) {
			frm.dashboard.set_headline_alert(
				__("Overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]),
				"red"
			);
		} else if (frm.doc.status === "Completed" && frm.doc.record_late) {
			frm.dashboard.set_headline_alert(
				__("Recorded late: visited {0}, to be recorded by {1}", [
					frappe.datetime.str_to_user(frm.doc.visited_on),
					frappe.datetime.str_to_user(frm.doc.record_due_on),
				]),
				"orange"
			);
		}
	},
});

{% include "property_service/public/js/readable_activity.js" %}
