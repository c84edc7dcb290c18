frappe.ui.form.on("Estate", {
	refresh(frm) {
		show_escalation_ladder(frm);
	},
});

// ES-5: the company's ladder, bottom to top, and who holds each level on this estate
function show_escalation_ladder(frm) {
	const levels = (frm.doc.__onload && frm.doc.__onload.escalation_ladder) || [];
	const field = frm.get_field("escalation_ladder_html");
	if (!field || frm.is_new() || !levels.length) return;
	const rows = levels
		.map(
			(row, index) => `<tr>
				<td>${index + 1}</td>
				<td>${frappe.utils.escape_html(row.name)}</td>
				<td>${
					row.user
						? frappe.utils.escape_html(row.full_name || row.user)
						: `<span class="text-muted">${__(
								"Nobody named: a late case goes to the next level up"
						  )}</span>`
				}</td>
				<td class="text-muted">${frappe.utils.escape_html(row.field)}</td>
			</tr>`
		)
		.join("");
	const settings = frappe.model.can_read("Property Service Settings")
		? `<a href="/app/property-service-settings">${__("Change the order or names in Property Service Settings")}</a>`
		: "";
	field.$wrapper.html(`
		<table class="table table-bordered table-sm" style="max-width: 720px">
			<thead><tr>
				<th style="width: 3em">#</th>
				<th>${__("Escalation Level")}</th>
				<th>${__("Held By")}</th>
				<th>${__("Named In")}</th>
			</tr></thead>
			<tbody>${rows}</tbody>
		</table>
		<div class="text-muted small">${__("From the front desk up, in the company's order.")} ${settings}</div>
	`);
}
