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
		// the answers are confidential: only those who may read responses are offered them (SV-9)
		if (frappe.model.can_read("Survey Response")) {
			frm.add_custom_button(__("Survey Responses"), () =>
				frappe.set_route("List", "Survey Response", { survey: frm.doc.name })
			);
		}
		const analysed = ["Analysed", "Results Published"].includes(frm.doc.status);
		if (analysed) {
			frm.trigger("show_pareto");
			frm.add_custom_button(__("Pareto Chart"), () =>
				frappe.set_route("query-report", "Survey Pareto", { survey: frm.doc.name })
			);
		}
		if (analysed && frappe.model.can_create("Survey Corrective Action")) {
			// SV-10: the survey meeting decides preventive actions as well as corrective ones
			frm.add_custom_button(__("Add Preventive Action"), () =>
				frappe.new_doc("Survey Corrective Action", { survey: frm.doc.name, action_type: "Preventive" })
			);
		}
		if (analysed) {
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
	show_pareto(frm) {
		// SV-10: the tally of dissatisfied items, most first, and its Pareto chart (aggregates only)
		const wrapper = frm.get_field("pareto_html").$wrapper;
		frm.call("pareto_analysis").then(({ message: rows }) => {
			wrapper.empty();
			if (!rows || !rows.length) {
				wrapper.html(`<p class="text-muted">${__("No answer was dissatisfied.")}</p>`);
				return;
			}
			const esc = frappe.utils.escape_html;
			const pct = (v) => `${format_number(v, null, 1)}%`;
			wrapper.html(`
				<p class="text-muted small">${__("Dissatisfied items, most first: the bars are each item's share of the dissatisfied answers, the line the running total.")}</p>
				<div class="ps-pareto-chart"></div>
				<table class="table table-bordered table-sm">
					<thead><tr>
						<th>${__("Rank")}</th><th>${__("Aspect")}</th><th class="text-right">${__("Dissatisfied Answers")}</th>
						<th class="text-right">${__("Share of Dissatisfied")}</th><th class="text-right">${__("Cumulative Share")}</th>
					</tr></thead>
					<tbody>${rows
						.map(
							(row, i) => `<tr><td>${i + 1}</td><td>${esc(row.aspect_label)}</td>
							<td class="text-right">${row.dissatisfied}</td><td class="text-right">${pct(row.share)}</td>
							<td class="text-right">${pct(row.cumulative)}</td></tr>`
						)
						.join("")}</tbody>
				</table>`);
			new frappe.Chart(wrapper.find(".ps-pareto-chart")[0], {
				type: "axis-mixed",
				height: 240,
				colors: ["#e24c4c", "#2490ef"],
				data: {
					labels: rows.map((row) => row.aspect_label),
					datasets: [
						{ name: __("Share of Dissatisfied"), chartType: "bar", values: rows.map((row) => row.share) },
						{ name: __("Cumulative Share"), chartType: "line", values: rows.map((row) => row.cumulative) },
					],
				},
				tooltipOptions: { formatTooltipY: (v) => pct(v) },
			});
		});
	},
	setup(frm) {
		frm.set_query("aspect", "aspects", () => ({ filters: { enabled: 1 } }));
	},
});
