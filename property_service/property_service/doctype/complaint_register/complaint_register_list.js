// the complaints still to be dealt with; a missed deadline shows red (IN-4, HN-3)
const UNRESOLVED = [
	"Registered",
	"Accepted",
	"In Handling",
	"Reopened",
	"Escalated to Supervisor",
	"Escalated to Manager",
	"Escalated to Director",
];
const STATE_COLOURS = {
	Registered: "orange",
	Accepted: "light-blue",
	"In Handling": "blue",
	Reopened: "orange",
	"Escalated to Supervisor": "purple",
	"Escalated to Manager": "purple",
	"Escalated to Director": "purple",
	Resolved: "green",
	"Return Visit": "cyan",
	Closed: "gray",
};

{% include "property_service/public/js/case_list.js" %}

frappe.listview_settings["Complaint Register"] = {
	add_fields: ["status", "deadline_breached", "acceptance_due", "accepted_on", "reply_due", "replied_on"],
	// open work first, the one due soonest on top (the doctype sorts by when the reply is due)
	filters: [["status", "in", UNRESOLVED]],
	get_indicator(doc) {
		const late =
			UNRESOLVED.includes(doc.status) &&
			(doc.deadline_breached ||
				(!doc.accepted_on && is_past(doc.acceptance_due)) ||
				(!doc.replied_on && is_past(doc.reply_due)));
		if (late) return [__("Overdue: {0}", [__(doc.status)]), "red", `status,=,${doc.status}`];
		return [__(doc.status), STATE_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
	formatters: {
		reply_due(value, df, doc) {
			const text = short_time(value);
			return !doc.replied_on && UNRESOLVED.includes(doc.status) && is_past(value)
				? `<span class="text-danger">${text}</span>`
				: text;
		},
	},
	onload(listview) {
		widen_columns(listview, "ps-complaint-list", { 3: "12rem", 5: "7.5rem", 6: "10rem" });
	},
};
