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

# rule RE-1: the records the office keeps cannot be deleted by anyone
# and what a request sends for their read-only fields (deadlines, breaches, levels, timestamps) is not taken
doc_events = {
	doctype: {
		"on_trash": "property_service.records.refuse_deletion",
		"before_validate": "property_service.records.keep_read_only_fields",
	}
	for doctype in KEPT_DOCTYPES
}
before_request = ["property_service.records.keep_read_only_fields_of_new_records"]
# what residents are told (notifications.py): the settings' switches turn each notification on or off;
# the app's text messages are posted once the change is committed, not by Frappe v15's send_sms
doc_events["Property Service Settings"] = {"on_update": "property_service.notifications.apply_switches"}
override_doctype_class = {"Notification": "property_service.notifications.ResidentNotification"}

# a service team sees only the cases handed to it, a technician only the orders given to them
permission_query_conditions = {
	"Complaint Register": "property_service.permissions.complaint_query",
	"Handling Notice": "property_service.permissions.handling_notice_query",
	"Repair Work Order": "property_service.permissions.repair_work_order_query",
}
has_permission = {
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
override_whitelisted_methods = {"frappe.client.get_count": "property_service.permissions.get_count"}

scheduler_events = {
	# ES-3: the deadline sweeps (property_service/deadline_sweep.py)
	"hourly": ["property_service.deadline_sweep.sweep_hourly"],
	"daily": ["property_service.deadline_sweep.sweep_daily"],
	"cron": {
		# WO-2's 15 minutes need a sweep every few minutes
		"*/3 * * * *": ["property_service.deadline_sweep.sweep_frequent"],
		# RV-4: on the 1st, sample each estate's routine work orders of the month just ended
		"30 0 1 * *": [
			"property_service.property_service.doctype.visit_sample.visit_sample.sample_last_month"
		],
	},
}
