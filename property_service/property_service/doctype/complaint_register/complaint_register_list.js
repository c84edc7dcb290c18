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

function short_time(value) {
	// "10-29 13:52" this year, the date alone before; the whole time on hover
	if (!value) return "";
	const time = moment(value);
	const text = time.year() === moment().year() ? time.format("MM-DD HH:mm") : time.format("YYYY-MM-DD");
	return `<span title="${frappe.datetime.str_to_user(value)}">${text}</span>`;
}

function is_past(value) {
	// stored times are the system's; compared as text in their fixed format
	return Boolean(value) && value < frappe.datetime.system_datetime();
}

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
		// the number, the state and the due time are read whole, not cut to "CMP-2026-0…"
		listview.$result.addClass("ps-complaint-list");
		frappe.dom.set_style(
			`
			.ps-complaint-list .list-row-head .list-row-col:nth-child(3), .ps-complaint-list .list-row .list-row-col:nth-child(3) { flex: 0 0 12rem; }
			.ps-complaint-list .list-row-head .list-row-col:nth-child(5), .ps-complaint-list .list-row .list-row-col:nth-child(5) { flex: 0 0 7.5rem; }
			.ps-complaint-list .list-row-head .list-row-col:nth-child(6), .ps-complaint-list .list-row .list-row-col:nth-child(6) { flex: 0 0 10rem; }
			`,
			"ps-complaint-list"
		);
	},
};
