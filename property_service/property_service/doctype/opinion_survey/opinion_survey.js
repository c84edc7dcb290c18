frappe.ui.form.on("Opinion Survey", {
	refresh(frm) {
		if (frm.is_new()) return;
		const short = [];
		if (frm.doc.handed_out && frm.doc.handed_out < frm.doc.hand_out_quota) {
			short.push(
				__("{0} handed out is fewer than the {1} the rule asks for (SV-3).", [
					frm.doc.handed_out,
					frm.doc.hand_out_quota,
				])
			);
		}
		// SV-3: the returns against the minimum share, while collecting and in the analysis
		const counting = ["Collecting", "Analysed", "Results Published"].includes(frm.doc.status);
		if (counting && frm.doc.handed_out && frm.doc.min_response_rate && frm.doc.response_rate < frm.doc.min_response_rate) {
			short.push(
				__("Only {0}% of the questionnaires handed out came back, under the {1}% minimum.", [
					format_number(frm.doc.response_rate, null, 1),
					format_number(frm.doc.min_response_rate, null, 0),
				])
			);
		}
		if (short.length) {
			frm.dashboard.set_headline_alert(short.map((text) => frappe.utils.escape_html(text)).join("<br>"), "orange");
		}
		if (["Handing Out", "Collecting"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Refresh Counts"), () => frm.call("refresh_counts").then(() => frm.reload_doc()));
		}
		frm.add_custom_button(__("Survey Responses"), () =>
			frappe.set_route("List", "Survey Response", { survey: frm.doc.name })
		);
		if (["Analysed", "Results Published"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Make Corrective Actions"), () =>
				frappe.prompt(
					[
						{ fieldname: "service_team", fieldtype: "Link", options: "Service Team", label: __("Responsible Team"), reqd: 1 },
						{ fieldname: "due_on", fieldtype: "Date", label: __("Due On") },
					],
					(values) =>
						frm.call("make_corrective_actions", values).then(({ message }) => {
							frappe.show_alert({ message: __("{0} corrective actions made", [message.length]), indicator: "green" });
							frappe.set_route("List", "Survey Corrective Action", { survey: frm.doc.name });
						}),
					__("Make Corrective Actions")
				)
			);
		}
	},
	setup(frm) {
		frm.set_query("aspect", "aspects", () => ({ filters: { enabled: 1 } }));
	},
});
