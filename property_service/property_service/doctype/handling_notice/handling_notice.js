frappe.ui.form.on("Handling Notice", {
	setup(frm) {
		frm.set_query("complaint", () => ({
			filters: {
				status: [
					"in",
					[
						"Accepted",
						"In Handling",
						"Reopened",
						"Escalated to Supervisor",
						"Escalated to Manager",
						"Escalated to Director",
					],
				],
			},
		}));
	},
	onload(frm) {
		show_versions_readably(frm);
	},
	team_head(frm) {
		name_linked_users(frm);
	},
	refresh(frm) {
		hide_time_zones(frm);
		name_linked_users(frm);
		if (frm.is_new()) return;
		const team = frappe.user.has_role("Service Team Member");
		if (frm.doc.status === "Issued" && !frm.doc.confirmed_on && team) {
			// HN-5: the team says it has the notice; the service centre sees who confirmed and when
			frm.add_custom_button(__("Confirm Receipt"), () =>
				frm.call("confirm_receipt").then(() => frm.reload_doc())
			);
			frm.change_custom_button_type(__("Confirm Receipt"), null, "primary");
		}
		if (frm.doc.status === "Issued" && !frm.doc.confirmed_on && !team) {
			frm.dashboard.add_comment(__("Not confirmed by the team yet."), "orange", true);
		}
		if (frm.doc.status === "Issued" && team) {
			frm.set_intro(
				__("Write the remedial and corrective measures and the result below, save, then choose Report Result under Actions."),
				frm.doc.due_on && frm.doc.due_on < frappe.datetime.system_datetime() ? "red" : "blue"
			);
		} else if (frm.doc.status === "Reported" && frm.doc.team_head === frappe.session.user) {
			frm.set_intro(__("Check the measures and the result, then choose Sign Off under Actions."), "blue");
		}
		if (frm.doc.status === "Issued" && frm.doc.due_on && frm.doc.due_on < frappe.datetime.system_datetime()) {
			frm.dashboard.set_headline_alert(
				__("Overdue: due by {0}", [frappe.datetime.str_to_user(frm.doc.due_on)]),
				"red"
			);
		}
	},
	complaint(frm) {
		if (!frm.doc.complaint || frm.doc.due_on) return;
		frappe.db.get_value("Complaint Register", frm.doc.complaint, "reply_due").then(({ message }) => {
			if (message && message.reply_due) frm.set_value("due_on", message.reply_due);
		});
	},
});

{% include "property_service/public/js/readable_activity.js" %}
