"""The roles the app creates on install and removes on uninstall (DOMAIN.md, People)."""

# role → desk access
ROLES = {
	"Customer Service Assistant": 1,
	"Customer Service Supervisor": 1,
	"Service Team Member": 1,
	"Technician": 1,
	"Property Manager": 1,
	"Office Director": 1,
	# who approve an owner opinion survey's plan (SV-2)
	"Customer Service Manager": 1,
	"Deputy General Manager": 1,
	"General Manager": 1,
	"Resident": 0,  # a website user: no desk
}
