frappe.listview_settings["Return Visit"] = {
	add_fields: ["status", "due_on", "method", "promised_reply_on", "promised_reply_done_on"],
	get_indicator(doc) {
		const now = frappe.datetime.now_datetime();
		// RV-8: a reply promised during the visit is watched like a deadline
		if (doc.promised_reply_on && !doc.promised_reply_done_on) {
			return frappe.datetime.get_diff(doc.promised_reply_on, now) < 0
				? [__("Reply Overdue"), "red", "promised_reply_done_on,is,not set"]
				: [__("Reply Promised"), "yellow", "promised_reply_done_on,is,not set"];
		}
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		const overdue = frappe.datetime.get_diff(doc.due_on, now) < 0;
		return overdue
			? [__("Visit Overdue"), "red", "status,=,To Visit"]
			: [__("To Visit"), "orange", "status,=,To Visit"];
	},
	onload(listview) {
		// RV-5: the role quotas of the visits in view, one click away
		listview.page.add_inner_button(__("Role Quotas"), () => {
			const estate = (listview.filters.find((f) => f[1] === "estate") || [])[3];
			frappe.set_route("query-report", "Return Visit Quotas", estate ? { estate } : {});
		});
	},
};
