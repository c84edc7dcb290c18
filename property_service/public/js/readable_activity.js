// Shared by the form scripts of the cases, which include this file.
// the activity shows a change as Frappe stored it: a state's or a level's English value, a user's
// e-mail address, "null"; shown here in the reader's language and by the person's name. Frappe's docinfo also
// leaves out the names of those who only changed the record (in the activity and the sidebar's
// "last edited by"): theirs are fetched as a viewer's are.
function show_versions_readably(frm) {
	const timeline = frm.timeline;
	if (!timeline || timeline.ps_readable) return;
	timeline.ps_readable = true;
	const own = timeline.get_version_timeline_contents.bind(timeline);
	timeline.get_version_timeline_contents = () => {
		const unknown = new Set();
		const readable = (df, value) => {
			if (value == null || value === "") return "—"; // not Frappe's "null"
			if (!df) return value;
			if (df.fieldtype === "Select") return __(value);
			if (df.fieldtype !== "Link" || df.options !== "User") return value;
			if (!frappe.boot.user_info[value]) unknown.add(value);
			return frappe.user.full_name(value);
		};
		// the form's sidebar names who created and who last changed the record
		[frm.doc.owner, frm.doc.modified_by].forEach((user) => {
			if (user && !frappe.boot.user_info[user]) unknown.add(user);
		});
		(timeline.doc_info.versions || []).forEach((version) => {
			if (!frappe.boot.user_info[version.owner]) unknown.add(version.owner);
			version.ps_stored = version.ps_stored || version.data;
			const data = JSON.parse(version.ps_stored || "{}");
			(data.changed || []).forEach((change) => {
				const df = frappe.meta.get_docfield(frm.doctype, change[0], frm.docname);
				change[1] = readable(df, change[1]);
				change[2] = readable(df, change[2]);
			});
			version.data = JSON.stringify(data);
		});
		if (unknown.size && timeline.ps_asked_for !== frm.docname) {
			timeline.ps_asked_for = frm.docname;
			frappe
				.xcall("frappe.desk.form.load.get_user_info_for_viewers", { users: JSON.stringify([...unknown]) })
				.then((user_info) => {
					frappe.update_user_info(user_info);
					timeline.refresh();
					if (frm.sidebar) frm.sidebar.refresh();
				});
		}
		return own();
	};
	timeline.refresh();
}

// no "Asia/Shanghai" under every time: an estate keeps one time zone, and a Datetime field appends
// it to its description (for good, once drawn) unless told not to
function hide_time_zones(frm) {
	const zone = frappe.boot.time_zone ? frappe.boot.time_zone.user : frappe.sys_defaults.time_zone;
	for (const df of frm.meta.fields.filter((field) => field.fieldtype === "Datetime")) {
		const own = frappe.meta.get_docfield(frm.doctype, df.fieldname, frm.docname);
		if (!own || own.hide_timezone) continue;
		frm.set_df_property(df.fieldname, "hide_timezone", 1);
		const description = (own.description || "").replace(`<br>${zone}`, "").replace(zone, "");
		frm.set_df_property(df.fieldname, "description", description);
	}
}

// a read-only Link to a user shows the full name only when the form already knows it: one the form
// has just been given (the team head that comes with the team, the registrar after the first save)
// would show the e-mail address until the record is opened again
function name_linked_users(frm) {
	frm.ps_named = frm.ps_named || new Set();
	for (const df of frm.meta.fields.filter((field) => field.fieldtype === "Link" && field.options === "User")) {
		const user = frm.doc[df.fieldname];
		if (!user || frm.ps_named.has(user) || frappe.utils.get_link_title("User", user)) continue;
		frm.ps_named.add(user);
		frappe.utils.fetch_link_title("User", user).then(() => frm.refresh_field(df.fieldname));
	}
}
