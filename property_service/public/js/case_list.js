// Shared by the list scripts of the cases (complaints, handling notices, return visits), which include
// this file.

// "10-29 13:52" this year, the date alone before; the whole time on hover
function short_time(value) {
	if (!value) return "";
	const time = moment(value);
	const text = time.year() === moment().year() ? time.format("MM-DD HH:mm") : time.format("YYYY-MM-DD");
	return `<span title="${frappe.datetime.str_to_user(value)}">${text}</span>`;
}

function is_past(value) {
	// stored times are the system's; compared as text in their fixed format
	return Boolean(value) && value < frappe.datetime.system_datetime();
}

// the number, the state and the due time are read whole, not cut to "CMP-2026-0…": a width for the
// list's columns by their position
function widen_columns(listview, list_class, widths) {
	listview.$result.addClass(list_class);
	const rules = Object.entries(widths).map(
		([position, width]) =>
			`.${list_class} .list-row-head .list-row-col:nth-child(${position}), ` +
			`.${list_class} .list-row .list-row-col:nth-child(${position}) { flex: 0 0 ${width}; }`
	);
	frappe.dom.set_style(rules.join("\n"), list_class);
}
