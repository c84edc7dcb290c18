// RC-4: the month just ended by default; the print is the company's summary report (J-65)
const last_month = frappe.datetime.str_to_obj(frappe.datetime.add_months(frappe.datetime.month_start(), -1));
frappe.query_reports["Monthly Complaint Summary"] = {
	filters: [
		{ fieldname: "estate", label: __("Estate"), fieldtype: "Link", options: "Estate" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: last_month.getFullYear(), reqd: 1 },
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Select",
			options: [
				"January", "February", "March", "April", "May", "June",
				"July", "August", "September", "October", "November", "December",
			].map((name, index) => ({ value: String(index + 1), label: __(name) })),
			default: String(last_month.getMonth() + 1),
			reqd: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "change" && data && data.change) {
			value = `<span style="color: ${data.change > 0 ? "var(--red-600)" : "var(--green-600)"}">${data.change > 0 ? "+" : ""}${data.change}</span>`;
		}
		return value;
	},
};
