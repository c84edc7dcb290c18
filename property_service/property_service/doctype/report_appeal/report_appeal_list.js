// each appeal by its step; one whose written result is overdue shows red
const APPEAL_COLOURS = { Lodged: "orange", "Under Review": "blue", Answered: "green" };

frappe.listview_settings["Report Appeal"] = {
	add_fields: ["status", "result_due", "deadline_breached", "answered_late"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (!doc.status) return;
		const late =
			doc.status !== "Answered" &&
			(doc.deadline_breached || frappe.datetime.now_datetime() > doc.result_due);
		if (late) return [__("Overdue: {0}", [__(doc.status)]), "red", `status,=,${doc.status}`];
		if (doc.answered_late) return [__("Answered Late"), "orange", "answered_late,=,1"];
		return [__(doc.status), APPEAL_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
