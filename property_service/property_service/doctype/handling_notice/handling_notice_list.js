// notices the team still has to complete, the one due soonest on top; a missed due time shows red (HN-2)
const OPEN = ["Issued", "Reported"];
const STATE_COLOURS = { Issued: "blue", Reported: "orange", "Signed Off": "green", Withdrawn: "gray" };

{% include "property_service/public/js/case_list.js" %}

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
		widen_columns(listview, "ps-notice-list", { 3: "7rem", 5: "7.5rem", 6: "11rem" });
	},
};
