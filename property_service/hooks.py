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
doc_events = {doctype: {"on_trash": "property_service.records.refuse_deletion"} for doctype in KEPT_DOCTYPES}
