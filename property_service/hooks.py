from property_service.rules.records import KEPT_DOCTYPES

app_name = "property_service"
app_title = "Property Service"
app_publisher = "Property Service contributors"
app_description = "Customer-service back office for property management: complaints, handling notices, repairs, return visits, surveys"
app_email = "dev@property-service.local"
app_license = "MIT"
required_apps = []

after_install = "property_service.install.after_install"
after_migrate = "property_service.install.after_migrate"
before_uninstall = "property_service.install.before_uninstall"

# rule RE-1: the records the office keeps cannot be deleted by anyone; the fields only the app sets are
# at a permission level no role writes, and the app's own changes to them are made after Frappe resets
# that level on every save (records.py)
doc_events = {
	doctype: {
		"on_trash": "property_service.records.refuse_deletion",
		"before_insert": "property_service.records.number_by_the_app",
		"before_validate": "property_service.records.hold_app_fields",
		"before_print": "property_service.permissions.refuse_residents_prints",
	}
	for doctype in KEPT_DOCTYPES
}
# what residents are told (controllers/notifications.py; the settings' switches turn each notification on
# or off when the settings are saved): the app's text messages are posted once the change is committed,
# not by Frappe v15's send_sms
override_doctype_class = {"Notification": "property_service.controllers.notifications.ResidentNotification"}

# ERPNext where the company has it (integrations/erpnext.py): nothing here needs it on the site
after_app_install = "property_service.integrations.erpnext.after_app_install"
doc_events["Resident"] = {"validate": "property_service.integrations.erpnext.keep_household"}
doc_events["Repair Work Order"]["on_update"] = "property_service.integrations.erpnext.on_repair_update"
doc_events["Repair Work Order"]["onload"] = "property_service.integrations.erpnext.repair_onload"
# which repair an invoice or a stock entry belongs to is the app's to set, never a user's
doc_events.update(
	{
		doctype: {"validate": "property_service.integrations.erpnext.keep_repair_link"}
		for doctype in ("Sales Invoice", "Stock Entry")
	}
)

# a service team sees only the cases handed to it, a technician only the orders given to them
SURVEY_RESPONSE = "property_service.property_service.doctype.survey_response.survey_response"
permission_query_conditions = {
	"Complaint Register": "property_service.permissions.complaint_query",
	"Handling Notice": "property_service.permissions.handling_notice_query",
	"Repair Work Order": "property_service.permissions.repair_work_order_query",
	"Return Visit": "property_service.permissions.return_visit_query",
	"Rectification Notice": "property_service.permissions.rectification_notice_query",
	# and their child tables, which get_list reads directly (permissions.NARROWED_CHILDREN)
	**{
		child: "property_service.permissions.child_query"
		for child in (
			"Complaint Escalation",
			"Case Pause",
			"Received Time Correction",
			"Complaint Investigator",
			"Repair Work Item",
			"Repair Photo",
		)
	},
	"Tag Link": "property_service.permissions.tag_link_query",
	# SV-9: staff who enter paper survey forms read only those they entered (survey_response.py)
	"Survey Response": f"{SURVEY_RESPONSE}.response_query",
	"Survey Rating": f"{SURVEY_RESPONSE}.rating_query",
}
has_permission = {
	"Survey Response": f"{SURVEY_RESPONSE}.has_response_permission",
	"File": "property_service.permissions.has_file_permission",
	"Return Visit": "property_service.permissions.has_return_visit_permission",
	"Rectification Notice": "property_service.permissions.has_rectification_notice_permission",
	"Tag Link": "property_service.permissions.has_tag_link_permission",
	"Complaint Register": "property_service.permissions.has_complaint_permission",
	"Handling Notice": "property_service.permissions.has_handling_notice_permission",
	"Repair Work Order": "property_service.permissions.has_repair_work_order_permission",
}

# the resident portal (property_service/portal.py, property_service/www/)
standard_portal_menu_items = [
	{"title": "My Requests", "route": "/my-requests", "role": "Resident"},
	{"title": "Survey Results", "route": "/survey-results", "role": "Resident"},
]
role_home_page = {"Resident": "my-requests"}
# for the print formats: people by name in texts that may hold an account's e-mail address
# and every paper form's head: the company's name and its own code for the form (RE-2, printing.py)
jinja = {
	"methods": ["property_service.portal.names_not_addresses", "property_service.printing.ps_form_header"]
}
boot_session = "property_service.printing.boot_session"
# the desk's print page: the chosen print format's name in the user's language
page_js = {"print": "public/js/print_page.js"}
# staff land on the app's workspace (landing.py)
doc_events["User"] = {"validate": "property_service.landing.land_on_the_workspace"}
# SV-2: the survey plan's approval chain is the company's; saving it remakes the workflow
doc_events["Property Service Settings"] = {
	"validate": "property_service.property_service.doctype.opinion_survey.approval_chain.validate_settings",
	"on_update": "property_service.property_service.doctype.opinion_survey.approval_chain.on_settings_update",
}
doc_events["Document Follow"] = {
	"before_insert": "property_service.permissions.refuse_following_what_one_may_not_read"
}
for doctype in ("Comment", "ToDo", "Tag Link"):
	doc_events[doctype] = {
		event: "property_service.permissions.refuse_residents_desk_records"
		for event in ("before_insert", "before_save")
	}
override_whitelisted_methods = {
	"frappe.client.get_count": "property_service.permissions.get_count",
	# the desk's form loader, with a record's history, and its record actions are the staff's
	# (permissions.refuse_residents_the_desk)
	**{
		path: f"property_service.permissions.{name}"
		for path, name in (
			("frappe.desk.form.load.getdoc", "getdoc"),
			("frappe.desk.form.load.get_docinfo", "get_docinfo"),
			("frappe.desk.form.load.get_communications", "get_communications"),
			("frappe.desk.form.utils.add_comment", "add_comment"),
			("frappe.desk.form.assign_to.add", "add_assignment"),
			("frappe.desk.doctype.tag.tag.add_tag", "add_tag"),
			("frappe.desk.doctype.tag.tag.add_tags", "add_tags"),
			("frappe.desk.form.document_follow.follow_document", "follow_document"),
			("frappe.share.add", "share"),
			("frappe.desk.form.assign_to.add_multiple", "add_assignments"),
			("frappe.desk.form.assign_to.remove", "remove_assignment"),
			("frappe.desk.form.assign_to.remove_multiple", "remove_assignments"),
			("frappe.desk.form.assign_to.close", "close_assignment"),
			("frappe.desk.like.toggle_like", "toggle_like"),
			("frappe.desk.form.utils.update_comment", "update_comment"),
			("frappe.desk.search.get_link_title", "get_link_title"),
		)
	},
	# summaries read without the DocType's permission rules (permissions.refuse_where_narrowed)
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "property_service.permissions.get_dashboard_chart",
	"frappe.desk.listview.get_group_by_count": "property_service.permissions.get_group_by_count",
	# the link search's ignore_user_permissions skipped every record-level rule (permissions.py)
	"frappe.desk.search.search_link": "property_service.permissions.search_link",
	"frappe.desk.search.search_widget": "property_service.permissions.search_widget",
}

scheduler_events = {
	# ES-3: the deadline sweeps (property_service/deadline_sweep.py)
	"hourly": ["property_service.deadline_sweep.sweep_hourly"],
	"daily": [
		"property_service.deadline_sweep.sweep_daily",
		# RV-9's late visit records, SV-1's surveys due (controllers/reminders.py)
		"property_service.controllers.reminders.send_daily_reminders",
		# RV-11: a courtesy visit plan's visits that passed their round count as overdue
		"property_service.property_service.doctype.courtesy_visit_plan.courtesy_visit_plan.refresh_plans",
	],
	"cron": {
		# WO-2's 15 minutes need a sweep every few minutes
		"*/3 * * * *": ["property_service.deadline_sweep.sweep_frequent"],
		# RV-4: on the 1st, sample each estate's routine work orders of the month just ended
		"30 0 1 * *": [
			"property_service.property_service.doctype.visit_sample.visit_sample.sample_last_month"
		],
		# RV-12: on Mondays, where the company visits every repair of the previous week
		"45 0 * * 1": [
			"property_service.property_service.doctype.visit_sample.visit_sample.visit_last_weeks_repairs"
		],
	},
}
