"""Where the app's staff land in the desk: on the Property Service workspace, through Frappe's own
per-user default workspace (User → Workspace; Frappe's login answer and /app go there), not on
Frappe's Users workspace or, beside ERPNext, its Home.

A user's own choice of a default workspace is kept; only users without one are given the app's."""

import frappe
from frappe.query_builder import DocType

from property_service.roles import ROLES

WORKSPACE = "Property Service"
# the roles that work in the desk (a resident has no desk)
STAFF_ROLES = tuple(role for role, desk_access in ROLES.items() if desk_access)


def land_on_the_workspace(user, method=None):
	"""User validate: a desk user who holds one of the app's roles and has chosen no default workspace
	lands on the app's (a role given in the User form or by add_roles saves the User)."""
	if user.default_workspace or user.user_type != "System User":
		return
	if {row.role for row in user.get("roles", [])} & set(STAFF_ROLES) and frappe.db.exists(
		"Workspace", WORKSPACE
	):
		user.default_workspace = WORKSPACE


def land_existing_staff():
	"""after_migrate: the staff who were given the app's roles before it set their landing page."""
	if not frappe.db.exists("Workspace", WORKSPACE):
		return
	user, has_role = DocType("User"), DocType("Has Role")
	users = (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name)
		.distinct()
		.where(
			has_role.role.isin(STAFF_ROLES)
			& (user.user_type == "System User")
			& (user.enabled == 1)
			& (user.default_workspace.isnull() | (user.default_workspace == ""))
		)
		.run(pluck=True)
	)
	for name in users:
		# one field of Frappe's own; saving each User would also re-run its password and role checks
		frappe.db.set_value("User", name, "default_workspace", WORKSPACE, update_modified=False)
		frappe.clear_cache(user=name)


def release_staff():
	"""before_uninstall: the workspace goes with the app, so nobody's landing page may point at it."""
	for name in frappe.get_all("User", filters={"default_workspace": WORKSPACE}, pluck="name"):
		frappe.db.set_value("User", name, "default_workspace", None, update_modified=False)
		frappe.clear_cache(user=name)
