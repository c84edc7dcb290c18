{% include "property_service/public/js/case_list.js" %}

frappe.listview_settings["Return Visit"] = {
	add_fields: [
		"status",
		"due_on",
		"deadline_breached",
		"method",
		"promised_reply_on",
		"promised_reply_done_on",
		"record_due_on",
		"record_late",
		"visit_from",
	],
	// the visits still to make, the one due soonest on top (the doctype sorts by due time)
	filters: [["status", "=", "To Visit"]],
	get_indicator(doc) {
		// RV-8: a reply promised during the visit is watched like a deadline
		if (doc.promised_reply_on && !doc.promised_reply_done_on) {
			return is_past(doc.promised_reply_on)
				? [__("Reply Overdue"), "red", "promised_reply_done_on,is,not set"]
				: [__("Reply Promised"), "yellow", "promised_reply_done_on,is,not set"];
		}
		// RV-9: a visit made is recorded the same or the next day
		if (doc.status === "Completed" && doc.record_late) return [__("Recorded Late"), "orange", "record_late,=,1"];
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		if (doc.record_due_on) {
			return doc.record_late || doc.record_due_on < frappe.datetime.get_today()
				? [__("Record Overdue"), "red", "record_late,=,1"]
				: [__("Visited · Record Due"), "orange", "record_due_on,is,set"];
		}
		// RV-13: a repair waits for its trial run
		if (doc.visit_from && !is_past(doc.visit_from)) return [__("On Trial Run"), "blue", "visit_from,is,set"];
		return doc.deadline_breached || is_past(doc.due_on)
			? [__("Visit Overdue"), "red", "status,=,To Visit"]
			: [__("To Visit"), "orange", "status,=,To Visit"];
	},
	formatters: {
		due_on(value, df, doc) {
			const text = short_time(value);
			return doc.status === "To Visit" && is_past(value) ? `<span class="text-danger">${text}</span>` : text;
		},
	},
	onload(listview) {
		// the case's number, the state and the due time are read whole
		widen_columns(listview, "ps-visit-list", { 3: "7rem", 5: "10rem", 6: "7.5rem" });
		// RV-5: the role quotas of the visits in view, one click away
		listview.page.add_inner_button(__("Role Quotas"), () => {
			const estate = (listview.filters.find((f) => f[1] === "estate") || [])[3];
			frappe.set_route("query-report", "Return Visit Quotas", estate ? { estate } : {});
		});
	},
};
