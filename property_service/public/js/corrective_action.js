// Shared by the form scripts of the corrective actions (controllers/corrective_action.py), which include
// this file: whoever carries out an action under way records the measures taken and completes it.
function add_mark_rectified(frm) {
	frm.add_custom_button(__("Mark Rectified"), () =>
		frappe.prompt(
			{
				fieldname: "measures_taken",
				fieldtype: "Text",
				label: __("Measures Taken"),
				reqd: 1,
				default: frm.doc.measures_taken,
			},
			({ measures_taken }) => frm.call("complete", { measures_taken }).then(() => frm.reload_doc()),
			__("Mark Rectified")
		)
	);
}
