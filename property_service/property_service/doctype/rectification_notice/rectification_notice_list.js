{% include "property_service/public/js/case_list.js" %}

frappe.listview_settings["Rectification Notice"] = {
	add_fields: ["status", "due_on", "deadline_breached", "property_unit", "estate"],
	// the notices still to rectify, the one due soonest on top
	filters: [["status", "=", "Awaiting Rectification"]],
	get_indicator(doc) {
		if (doc.status === "Rectified") {
			return doc.deadline_breached
				? [__("Rectified Late"), "orange", "status,=,Rectified|deadline_breached,=,1"]
				: [__("Rectified"), "green", "status,=,Rectified"];
		}
		// RV-7: the 24 hours are watched like every other deadline
		return doc.deadline_breached || is_past(doc.due_on)
			? [__("Rectification Overdue"), "red", "status,=,Awaiting Rectification"]
			: [__("Awaiting Rectification"), "orange", "status,=,Awaiting Rectification"];
	},
	formatters: {
		// a phone shows only the title: where, then what (3栋-1004 · 插座面板仍有晃动)
		problem(value, df, doc) {
			if (!frappe.is_mobile() || !doc.property_unit) return value;
			const prefix = doc.estate ? `${doc.estate}-` : "";
			const unit = doc.property_unit.startsWith(prefix) ? doc.property_unit.slice(prefix.length) : doc.property_unit;
			return `${unit} · ${value}`;
		},
		due_on(value, df, doc) {
			const text = short_time(value);
			return doc.status !== "Rectified" && is_past(value) ? `<span class="text-danger">${text}</span>` : text;
		},
	},
};
