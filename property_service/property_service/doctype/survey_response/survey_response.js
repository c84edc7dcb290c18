frappe.ui.form.on("Survey Response", {
	setup(frm) {
		frm.set_query("property_unit", () => (frm.doc.estate ? { filters: { estate: frm.doc.estate } } : {}));
		frm.set_query("resident", () =>
			frm.doc.property_unit ? { filters: { property_unit: frm.doc.property_unit } } : {}
		);
	},
	survey(frm) {
		// the questionnaire: one line per aspect the survey asks about
		frm.clear_table("ratings");
		if (!frm.doc.survey) return frm.refresh_field("ratings");
		frappe.model.with_doc("Opinion Survey", frm.doc.survey, () => {
			const survey = frappe.get_doc("Opinion Survey", frm.doc.survey);
			(survey.aspects || []).forEach((row) => frm.add_child("ratings", { aspect: row.aspect }));
			frm.refresh_field("ratings");
		});
	},
	property_unit(frm) {
		if (!frm.doc.property_unit) return;
		frappe.db.get_value("Resident", { property_unit: frm.doc.property_unit }, "name").then(({ message }) => {
			if (message && message.name) frm.set_value("resident", message.name);
		});
	},
});
