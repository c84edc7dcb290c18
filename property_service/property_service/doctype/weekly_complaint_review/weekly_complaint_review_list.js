// the review's step as its workflow names it (RC-1): Frappe would show the document's own Draft and
// Submitted, so a review waiting for the supervisor's signature looked like an unsent draft
const STATE_COLOURS = { Drafted: "orange", "Submitted to Supervisor": "blue", Signed: "green" };

frappe.listview_settings["Weekly Complaint Review"] = {
	add_fields: ["status"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (!doc.status) return;
		return [__(doc.status), STATE_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
