// notices the team still has to complete, the one due soonest on top; a missed due time shows red (HN-2)
const OPEN = ["Issued", "Reported"];
const STATE_COLOURS = { Issued: "blue", Reported: "orange", "Signed Off": "green", Withdrawn: "gray" };

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
			const text = frappe.format(value, df, null, doc);
			return doc.status === "Issued" && is_past(value) ? `<span class="text-danger">${text}</span>` : text;
		},
	},
	onload(listview) {
		// the notice's number and its state are read whole
		listview.$result.addClass("ps-case-list");
		frappe.dom.set_style(
			`.ps-case-list .level-left .list-row-col:not(.list-subject):not(.tag-col):nth-child(3) { flex: 0 0 9.5rem; }
			.ps-case-list .level-left .list-row-col:last-child { flex: 0 0 10.5rem; }`,
			"ps-case-list"
		);
	},
};
