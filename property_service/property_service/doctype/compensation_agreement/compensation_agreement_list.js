// each agreement by its workflow step: drafted, waiting for the approver, approved, paid
const COMPENSATION_COLOURS = {
	Drafted: "orange",
	"Awaiting Approval": "yellow",
	Approved: "blue",
	Paid: "green",
};

frappe.listview_settings["Compensation Agreement"] = {
	add_fields: ["status"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (!doc.status) return;
		return [__(doc.status), COMPENSATION_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
