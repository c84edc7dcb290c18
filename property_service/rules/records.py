"""Records the office must keep: nobody deletes them, and every change is tracked. # rule RE-1"""

KEPT_DOCTYPES = (
	"Complaint Register",
	"Handling Notice",
	"Repair Work Order",
	"Work Contact Sheet",
	"Return Visit",
	"Rectification Notice",
	"Visit Sample",
	"Shift Handover",
	"Decoration Completion",
	"Deadline Alert",
	"Opinion Survey",
	"Survey Response",
	"Survey Corrective Action",
	"Suggestion Box Opening",
	"Weekly Complaint Review",
	"Complaint Analysis Meeting",
	"Meeting Action",
	"Courtesy Visit Plan",
	"Courtesy Visit",
	"Key Resident Contact",
	"Owner Forum",
	"Compensation Agreement",
	"Report Appeal",
	"Archive Transfer",
	"Complaint Handling Check",
	"Handling Check Action",
)

# the permission level of the fields only the app sets (deadlines, breach marks, escalation levels,
# timestamps, counts, who did what, histories): every role that reads the record reads it, none writes it
APP_SET_PERMLEVEL = 2
