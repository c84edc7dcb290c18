// the steps that move the repair on are primary buttons; the ones that send it back are plain
const FORWARD_STEPS = ["Dispatch", "Start Work", "Complete", "Verify", "Close"];
// what the resident asked for stays as asked once the order is dispatched (the technician records what he finds)
const AS_REQUESTED = ["resident", "property_unit", "contact_phone", "category", "is_emergency", "problem"];

frappe.ui.form.on("Repair Work Order", {
	setup(frm) {
		frm.set_query("technician", () => ({
			query: "frappe.core.doctype.user.user.user_query",
			filters: { role: "Technician" },
		}));
		frappe.dom.set_style(PHONE_STYLE, "ps-repair-work-order");
	},
	onload(frm) {
		show_versions_readably(frm);
	},
	refresh(frm) {
		show_emergency(frm);
		show_call_link(frm);
		show_next_steps(frm);
		for (const fieldname of AS_REQUESTED) {
			frm.set_df_property(fieldname, "read_only", frm.doc.status !== "Requested");
		}
		set_time_descriptions(frm);
		if (frappe.is_mobile() && !frm.is_new()) {
			// the first screen of a phone is the job, not the links to visits and contact sheets
			frm.dashboard.links_area.collapse(true);
		}
		show_erpnext(frm);
		if (
			!frm.is_new() &&
			frm.doc.warranty_status === "In Warranty" &&
			!frm.doc.work_contact_sheet &&
			frappe.model.can_create("Work Contact Sheet")
		) {
			frm.add_custom_button(__("Send Work Contact Sheet"), () =>
				frappe.new_doc("Work Contact Sheet", { repair_work_order: frm.doc.name })
			);
		}
	},
	is_emergency: (frm) => show_emergency(frm),
	contact_phone: (frm) => show_call_link(frm),
});

frappe.ui.form.on("Repair Work Item", {
	qty: (frm, cdt, cdn) => set_amount(frm, cdt, cdn),
	rate: (frm, cdt, cdn) => set_amount(frm, cdt, cdn),
});

function set_amount(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "amount", flt(row.qty) * flt(row.rate));
}

// set here, translated, without "Asia/Shanghai" under every time (an estate keeps one time zone;
// a Datetime field appends the zone to its description unless told not to)
function set_time_descriptions(frm) {
	const descriptions = {
		appointment_time:
			frm.doc.status === "Requested"
				? __("Not needed for an emergency: the technician goes at once.")
				: "",
		due_on: __(
			"When the next step is due: dispatch and acknowledgement, then the appointment. Empty once the repair is done."
		),
	};
	for (const df of frm.meta.fields.filter((df) => df.fieldtype === "Datetime")) {
		frm.set_df_property(df.fieldname, "hide_timezone", 1);
		frm.set_df_property(df.fieldname, "description", descriptions[df.fieldname] || "");
	}
}

// WO-7: one red line at the top while the emergency is still being dealt with
function show_emergency(frm) {
	frm.layout.message.find(".ps-emergency").closest(".form-message").remove();
	if (!frm.layout.message.children().length) {
		frm.layout.message.addClass("hidden");
	}
	if (!frm.doc.is_emergency || ["Verified", "Closed"].includes(frm.doc.status)) {
		return;
	}
	const text = {
		Requested: __("Emergency: dispatch first"),
		Dispatched: __("Emergency: go there at once"),
	}[frm.doc.status];
	frm.layout.show_message(
		`<span class="ps-emergency">${text || __("Emergency repair")}</span>`,
		"red",
		true
	);
}

// the resident's phone, one tap away on the technician's phone
function show_call_link(frm) {
	const field = frm.get_field("call_resident");
	const phone = (frm.doc.contact_phone || "").trim();
	if (!phone || frm.is_new()) {
		field.$wrapper.empty();
		return;
	}
	const number = phone.replace(/[^\d+]/g, "");
	field.$wrapper.html(
		`<a class="btn btn-default btn-sm ps-call" href="tel:${number}">
			${frappe.utils.icon("call", "sm")} ${__("Call {0}", [frappe.utils.escape_html(phone)])}
		</a>`
	);
}

// the next steps as labelled buttons in the page head, where a phone shows them (Frappe puts workflow
// actions in an unlabelled menu there and a form's own buttons under "...")
function show_next_steps(frm) {
	const $steps = frm.page.standard_actions.find(".ps-next-steps");
	$steps.empty();
	if (frm.is_new()) {
		return;
	}
	const buttons = $steps.length ? $steps : $('<div class="ps-next-steps"></div>');
	buttons.appendTo(frm.page.standard_actions);
	frm.page.wrapper.addClass("ps-labelled-steps");
	// a refresh that comes while the transitions are on their way leaves the buttons to the latest
	const token = (frm.ps_steps_token = (frm.ps_steps_token || 0) + 1);

	const acknowledging =
		frm.doc.status === "Dispatched" &&
		!frm.doc.acknowledged_on &&
		frm.doc.technician === frappe.session.user;
	frappe.workflow.get_transitions(frm.doc).then((transitions) => {
		if (token !== frm.ps_steps_token) {
			return;
		}
		buttons.empty();
		if (acknowledging) {
			add_step(buttons, __("Acknowledge"), "btn-primary", () =>
				frm.call("acknowledge").then(() => frm.reload_doc())
			);
		}
		const actions = [];
		for (const transition of transitions) {
			if (frappe.user_roles.includes(transition.allowed) && !actions.includes(transition.action)) {
				actions.push(transition.action);
			}
		}
		for (const action of actions) {
			const primary = FORWARD_STEPS.includes(action) && !acknowledging;
			add_step(buttons, __(action), primary ? "btn-primary" : "btn-default", () =>
				apply_step(frm, action)
			);
		}
	});
}

function add_step($parent, label, css_class, click) {
	$(`<button class="btn btn-sm ${css_class}" data-label="${frappe.utils.escape_html(label)}"></button>`)
		.text(label)
		.on("click", click)
		.appendTo($parent);
}

// as Frappe's own workflow menu does it, saving first what was typed before the step
function apply_step(frm, action) {
	const saved = frm.is_dirty() ? frm.save() : Promise.resolve();
	return saved.then(() => {
		frm.selected_workflow_action = action;
		if (!frappe.ui.form.check_mandatory(frm)) {
			return;
		}
		frappe.dom.freeze();
		return frm.script_manager
			.trigger("before_workflow_action")
			.then(() =>
				frappe.xcall("frappe.model.workflow.apply_workflow", { doc: frm.doc, action })
			)
			.then((doc) => {
				frappe.model.sync(doc);
				frm.refresh();
				frm.selected_workflow_action = null;
				frm.script_manager.trigger("after_workflow_action");
			})
			.finally(() => frappe.dom.unfreeze());
	});
}

const PHONE_STYLE = `
	.ps-labelled-steps .page-actions .actions-btn-group { display: none !important; }
	.ps-next-steps { display: flex; gap: 6px; margin-left: 6px; }
	.ps-next-steps .btn { white-space: nowrap; }
	.ps-call { margin-top: -4px; margin-bottom: 8px; }
	@media (max-width: 767px) {
		.ps-labelled-steps .page-head .title-area { min-width: 0; }
		/* the tables (parts, photos) on a phone's width, without swiping: type, item, quantity and rate */
		.ps-labelled-steps .form-grid { min-width: 0 !important; left: 0 !important; }
		.ps-labelled-steps .form-grid .row-index { display: none !important; }
		.ps-labelled-steps .form-grid .row-check,
		.ps-labelled-steps .form-grid .grid-static-col:not([data-fieldname]) {
			flex: 0 0 32px; max-width: 32px; padding-left: 4px; padding-right: 4px;
		}
		.ps-labelled-steps .form-grid .grid-static-col[data-fieldname] { flex: 2 1 0; max-width: none; min-width: 0; }
		.ps-labelled-steps .form-grid .grid-static-col[data-fieldname="description"],
		.ps-labelled-steps .form-grid .grid-static-col[data-fieldname="rate"] { flex-grow: 3; }
	}
`;

{% include "property_service/public/js/readable_activity.js" %}

// with ERPNext on the site (integrations/erpnext.py puts these in the form's onload): the charge becomes a
// draft Sales Invoice, made by staff who may invoice; its status as ERPNext has it; the technician as an
// Employee. Without ERPNext there is none of this.
function show_erpnext(frm) {
	const onload = frm.doc.__onload || {};
	if (
		onload.may_invoice &&
		frm.doc.warranty_status === "Out of Warranty" &&
		frm.doc.total_charge &&
		["Verified", "Closed"].includes(frm.doc.status) &&
		!frm.doc.sales_invoice
	) {
		frm.add_custom_button(__("Make Sales Invoice"), () =>
			frm.call("make_sales_invoice").then(({ message }) => {
				frm.reload_doc();
				frappe.set_route("Form", "Sales Invoice", message);
			})
		);
	}
	if (frm.doc.sales_invoice && onload.invoice_status) {
		const colour = { Paid: "green", Cancelled: "grey", Draft: "grey" }[onload.invoice_status] || "orange";
		frm.dashboard.add_indicator(
			__("Invoice status: {0}", [__(onload.invoice_status)]),
			colour
		);
	}
	const employee = onload.technician_employee;
	if (employee) {
		frm.set_df_property(
			"technician",
			"description",
			[__("Employee {0}", [employee.name]), employee.designation, employee.department]
				.filter(Boolean)
				.map((part) => frappe.utils.escape_html(part))
				.join(" · ")
		);
	}
}
