frappe.query_reports["Dispatch Queue"] = {
	filters: [{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" }],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && (data.is_emergency || data.minutes_left < 0) && column.fieldname === "name") {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
