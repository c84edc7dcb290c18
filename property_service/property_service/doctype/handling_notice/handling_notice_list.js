// notices the team still has to complete, the one due soonest on top; a missed due time shows red (HN-2)
const OPEN = ["Issued", "Reported"];
const STATE_COLOURS = { Issued: "blue", Reported: "orange", "Signed Off": "green", Withdrawn: "gray" };

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

frappe.listview_settings["Handling Notice"] = {
	add_fields: ["status", "due_on", "deadline_breached", "completed_on"],
	filters: [["status", "in", OPEN]],
	get_indicator(doc) {
		if (doc.status === "Issued" && (doc.deadline_breached || is_past(doc.due_on))) {
			return [__("Overdue"), "red", "status,=,Issued"];
		}
		return [__(doc.status), STATE_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
	formatters: {
		due_on(value, df, doc) {
			const text = short_time(value);
			return doc.status === "Issued" && is_past(value) ? `<span class="text-danger">${text}</span>` : text;
		},
	},
	onload(listview) {
		// the number, the state and the due time are read whole, not cut to "CMP-2026-0…"
		listview.$result.addClass("ps-notice-list");
		frappe.dom.set_style(
			`
			.ps-notice-list .list-row-head .list-row-col:nth-child(3), .ps-notice-list .list-row .list-row-col:nth-child(3) { flex: 0 0 7rem; }
			.ps-notice-list .list-row-head .list-row-col:nth-child(5), .ps-notice-list .list-row .list-row-col:nth-child(5) { flex: 0 0 7.5rem; }
			.ps-notice-list .list-row-head .list-row-col:nth-child(6), .ps-notice-list .list-row .list-row-col:nth-child(6) { flex: 0 0 11rem; }
			`,
			"ps-notice-list"
		);
	},
};
