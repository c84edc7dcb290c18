// a hand-over still being prepared, or handed over and kept
frappe.listview_settings["Archive Transfer"] = {
	has_indicator_for_draft: true,
	get_indicator(doc) {
		return doc.docstatus === 1
			? [__("Handed Over"), "green", "docstatus,=,1"]
			: [__("Being Prepared"), "orange", "docstatus,=,0"];
	},
};
