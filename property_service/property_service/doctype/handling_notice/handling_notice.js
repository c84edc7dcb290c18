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
	complaint(frm) {
		if (!frm.doc.complaint || frm.doc.due_on) return;
		frappe.db.get_value("Complaint Register", frm.doc.complaint, "reply_due").then(({ message }) => {
			if (message && message.reply_due) frm.set_value("due_on", message.reply_due);
		});
	},
});
