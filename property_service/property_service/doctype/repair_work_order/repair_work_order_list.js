// open work: what is still to be dispatched, gone to or repaired (the technician's part ends at Completed)
const OPEN_STATES = ["Requested", "Dispatched", "In Progress"];
const OFFICE_ROLES = [
	"Customer Service Assistant",
	"Customer Service Supervisor",
	"Property Manager",
	"Office Director",
	"System Manager",
];

// a technician opens his own open orders, the office every open order; both soonest due first (sort_field)
function default_filters() {
	const roles = frappe.user_roles || [];
	const technician = roles.includes("Technician") && !OFFICE_ROLES.some((r) => roles.includes(r));
	const filters = [["status", "in", OPEN_STATES]];
	if (technician) {
		filters.push(["technician", "=", frappe.session.user]);
	}
	return filters;
}

// late: not dispatched or acknowledged by the dispatch deadline (WO-2), or not there by the appointment
// (WO-3); `due_on` is the app's, an order being repaired has nothing more due
function is_overdue(doc) {
	return (
		doc.due_on &&
		doc.status !== "In Progress" &&
		OPEN_STATES.includes(doc.status) &&
		doc.due_on < frappe.datetime.system_datetime()
	);
}

// 12-03 14:30, with the year only when it is not this year's
function short_time(value) {
	const time = moment(value);
	return time.format(time.year() === moment().year() ? "MM-DD HH:mm" : "YYYY-MM-DD HH:mm");
}

frappe.listview_settings["Repair Work Order"] = {
	add_fields: ["status", "is_emergency", "due_on", "property_unit", "estate"],
	hide_name_filter: true,
	filters: default_filters(),
	// the state always (the form's head shows this too), marked when late or an emergency
	get_indicator(doc) {
		const state = __(doc.status);
		if (is_overdue(doc)) {
			const marks = doc.is_emergency ? [__("Emergency"), state] : [state];
			return [
				[...marks, __("Overdue")].join("·"),
				"red",
				`due_on,<,${frappe.datetime.system_datetime()}|status,!=,In Progress`,
			];
		}
		if (doc.is_emergency && OPEN_STATES.includes(doc.status)) {
			return [`${__("Emergency")}·${state}`, "red", "is_emergency,=,1"];
		}
		const colours = {
			Requested: "orange",
			Dispatched: "blue",
			"In Progress": "blue",
			Completed: "purple",
			Verified: "green",
			Closed: "gray",
		};
		return [state, colours[doc.status] || "gray", "status,=," + doc.status];
	},
	formatters: {
		// a phone shows only the title: where, then what (1栋-101 · 水龙头漏水)
		problem(value, df, doc) {
			if (!frappe.is_mobile() || !doc.property_unit) {
				return value;
			}
			const prefix = doc.estate ? `${doc.estate}-` : "";
			const unit = doc.property_unit.startsWith(prefix)
				? doc.property_unit.slice(prefix.length)
				: doc.property_unit;
			return `${unit} · ${value}`;
		},
		due_on(value, df, doc) {
			const shown = value ? short_time(value) : "";
			return is_overdue(doc) ? `<span class="text-danger">${shown}</span>` : shown;
		},
	},
};
