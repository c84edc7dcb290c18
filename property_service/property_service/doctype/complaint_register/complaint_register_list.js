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
		if (late) return [__("Overdue"), "red", "deadline_breached,=,1"];
		return [__(doc.status), STATE_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
	formatters: {
		reply_due(value, df, doc) {
			const text = frappe.format(value, df, null, doc);
			return !doc.replied_on && UNRESOLVED.includes(doc.status) && is_past(value)
				? `<span class="text-danger">${text}</span>`
				: text;
		},
	},
	onload(listview) {
		ps_widen_case_list(listview);
	},
};

// the ID and the state are read whole, not cut to "CMP-2026-0…" and "已升级至…"
function ps_widen_case_list(listview) {
	listview.$result.addClass("ps-case-list");
	frappe.dom.set_style(
		`.ps-case-list .level-left .list-row-col:not(.list-subject):not(.tag-col):nth-child(3) { flex: 0 0 9.5rem; }
		.ps-case-list .level-left .list-row-col:last-child { flex: 0 0 10.5rem; }`,
		"ps-case-list"
	);
}
