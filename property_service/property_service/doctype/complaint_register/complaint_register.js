frappe.ui.form.on("Complaint Register", {
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		hide_time_zones(frm);
		name_linked_users(frm);
		if (frm.is_new()) return;
		const open_states = [
			"Accepted",
			"In Handling",
			"Reopened",
			"Escalated to Supervisor",
			"Escalated to Manager",
			"Escalated to Director",
		];
		if (open_states.includes(frm.doc.status) && frappe.model.can_create("Handling Notice")) {
			frm.add_custom_button(__("Issue Handling Notice"), () => {
				frappe.new_doc("Handling Notice", {
					complaint: frm.doc.name,
					service_team: frm.doc.service_team,
					due_on: frm.doc.reply_due,
				});
			});
		}
		if (!frm.doc.replied_on && open_states.includes(frm.doc.status) && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Record Complainant Told"), () =>
				frappe.confirm(__("Record that the complainant has just been told the remedial measures?"), () =>
					frm.call("record_told").then(() => frm.reload_doc())
				)
			);
		}
		if (!frm.doc.paused_since && !["Resolved", "Return Visit", "Closed"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Pause Clock"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Waiting On the Resident For"), reqd: 1 },
					({ reason }) => frm.call("pause", { reason }).then(() => frm.reload_doc()),
					__("Pause Clock")
				)
			);
		}
		if (frm.doc.paused_since) {
			frm.dashboard.set_headline_alert(__("Clock paused: waiting on the resident"), "yellow");
			frm.add_custom_button(__("Resume Clock"), () => frm.call("resume").then(() => frm.reload_doc()));
		}
		// set here, translated: a Datetime field appends the time zone to its description
		frm.set_df_property("paused_since", "description", __("Waiting on the resident: the deadlines wait too."));
		if (frm.doc.accepted_on) {
			// set here, translated: a Datetime field appends the time zone to its description
			frm.set_df_property(
				"received_on",
				"description",
				__("Fixed once the complaint is accepted; the supervisor corrects it with a reason.")
			);
		}
		const correctors = ["Customer Service Supervisor", "Property Manager", "Office Director"];
		if (frm.doc.accepted_on && correctors.some((role) => frappe.user.has_role(role))) {
			frm.add_custom_button(__("Correct Received Time"), () =>
				frappe.prompt(
					[
						{ fieldname: "received_on", fieldtype: "Datetime", label: __("Corrected Received Time"), reqd: 1, default: frm.doc.received_on },
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for the Correction"), reqd: 1 },
					],
					(values) => frm.call("correct_received_on", values).then(() => frm.reload_doc()),
					__("Correct Received Time")
				)
			);
		}
		if (frm.doc.is_key_resident) {
			frm.dashboard.set_headline_alert(__("Key resident"), "orange");
		}
		if (!frm.doc.replied_on && open_states.includes(frm.doc.status)) {
			show_measures_to_tell(frm);
		}
		if (["Resolved", "Return Visit"].includes(frm.doc.status)) {
			offer_open_visit(frm);
		}
		if (open_states.includes(frm.doc.status)) {
			show_next_step(frm);
			show_open_notices(frm);
		}
		if (!frm.doc.final_answered_on && open_states.includes(frm.doc.status) && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Record Written Answer Sent"), () =>
				frappe.confirm(__("Record that the written answer has just been sent to the complainant?"), () =>
					frm.call("record_final_answer").then(() => frm.reload_doc())
				)
			);
		}
		if (frm.doc.final_answer_due && !frm.doc.final_answered_on && open_states.includes(frm.doc.status)) {
			const late = frappe.datetime.get_diff(frm.doc.final_answer_due, frappe.datetime.now_datetime()) < 0;
			frm.dashboard.add_indicator(
				__("Written final answer due by {0}", [frappe.datetime.str_to_user(frm.doc.final_answer_due)]),
				late ? "red" : "blue"
			);
		}
	},
	resident(frm) {
		if (!frm.doc.resident) return;
		// a resident chosen afresh brings their own contact details
		frappe.db
			.get_value("Resident", frm.doc.resident, ["full_name", "phone", "property_unit"])
			.then(({ message }) => {
				if (!message) return;
				frm.set_value("complainant_name", message.full_name);
				frm.set_value("contact_phone", message.phone);
				frm.set_value("property_unit", message.property_unit);
			});
	},
	setup(frm) {
		frm.set_query("property_unit", () =>
			frm.doc.estate ? { filters: { estate: frm.doc.estate } } : {}
		);
		frm.set_query("resident", () =>
			frm.doc.estate ? { filters: { estate: frm.doc.estate } } : {}
		);
	},
});

// HN-3: once the team has reported its remedial measures, the assistant tells the complainant and
// records when; the form says so until it is recorded
function show_measures_to_tell(frm) {
	frappe.db
		.get_list("Handling Notice", {
			filters: { complaint: frm.doc.name, status: ["in", ["Reported", "Signed Off"]] },
			fields: ["name", "remedial_measures"],
			order_by: "notice_no asc",
		})
		.then((notices) => {
			const measures = notices.filter((n) => n.remedial_measures);
			if (!measures.length || frm.doc.replied_on) return;
			const late = frm.doc.reply_due && frappe.datetime.get_diff(frm.doc.reply_due, frappe.datetime.now_datetime()) < 0;
			const lines = measures
				.map((n) => `<li>${frappe.utils.escape_html(n.name)}: ${frappe.utils.escape_html(n.remedial_measures)}</li>`)
				.join("");
			frm.set_intro(
				`${__("Tell the complainant the remedial measures below, then press Record Complainant Told.")}
				${frm.doc.reply_due ? __("Due by {0}.", [frappe.datetime.str_to_user(frm.doc.reply_due)]) : ""}
				<ul class="mt-2 mb-0">${lines}</ul>`,
				late ? "red" : "blue"
			);
		});
}

// IN-8 … IN-10: a valid complaint is verified, investigated and decided before it is resolved; the form
// names the next step until they are recorded
function show_next_step(frm) {
	if (frm.doc.validity !== "Valid") return;
	const filled = (field) => (frm.doc[field] || "").toString().trim();
	let step = null;
	if (!filled("facts_verified")) {
		step = __("Next: verify the complainant and whether the matter is true (Verification).");
	} else if (!(filled("investigated_by") && filled("facts_found") && filled("cause_analysis"))) {
		step = __("Next: the head of the department complained about investigates: record the facts found and the cause analysis (Investigation).");
	} else if (!(filled("decision") && filled("decision_agreed_by") && filled("written_answer"))) {
		step = __("Next: record the handling decision, who agreed it and the written answer (Decision and Written Answer).");
	}
	if (step) frm.dashboard.add_section(`<p class="mb-0">${step}</p>`, __("Next Step"));
}

// HN-5: the complainant is answered only when every team's notice is done
function show_open_notices(frm) {
	frappe.db
		.get_list("Handling Notice", {
			filters: { complaint: frm.doc.name, status: ["in", ["Issued", "Reported"]] },
			fields: ["name", "service_team", "status", "confirmed_on"],
			order_by: "notice_no asc",
		})
		.then((notices) => {
			if (!notices.length) return;
			const lines = notices
				.map((n) =>
					__("{0} ({1}): {2}, {3}", [
						n.name,
						n.service_team,
						__(n.status),
						n.confirmed_on ? __("confirmed by the team") : __("not confirmed yet"),
					])
				)
				.map((line) => `<li>${frappe.utils.escape_html(line)}</li>`)
				.join("");
			frm.dashboard.add_section(
				`<p>${__("The complainant is answered only when every team's notice is done.")}</p><ul class="mb-0">${lines}</ul>`,
				__("Handling Notices Still Open")
			);
		});
}

// RV-1: resolving schedules the visit; the complaint moves on when the visit records the resident's
// view, so the form opens the visit instead of offering the workflow's Start Return Visit
function offer_open_visit(frm) {
	frappe.db
		.get_value(
			"Return Visit",
			{ reference_doctype: frm.doctype, reference_name: frm.doc.name, status: "To Visit" },
			"name"
		)
		.then(({ message }) => {
			const visit = message && message.name;
			if (!visit) return;
			frm.add_custom_button(__("Open Return Visit"), () => frappe.set_route("Form", "Return Visit", visit));
			frm.change_custom_button_type(__("Open Return Visit"), null, "primary");
			// the workflow's actions arrive with their own request; take Start Return Visit out once they have
			frappe.after_ajax(() => {
				const label = __("Start Return Visit");
				frm.page.actions
					.find(".menu-item-label")
					.filter((_, el) => el.textContent.trim() === label)
					.closest("li")
					.remove();
				if (!frm.page.actions.find("li.user-action").not(".dropdown-divider").length) {
					frm.page.hide_actions_menu();
				}
			});
		});
}

{% include "property_service/public/js/readable_activity.js" %}
