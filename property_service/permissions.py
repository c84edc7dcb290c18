"""A service team sees the cases handed to it, and a technician the orders given to them (HN-2, WO-2).

Role permissions grant Service Team Member read on complaints and handling notices; these hooks
narrow that to the teams the user heads or belongs to. Users who also hold a front-desk or manager
role keep the whole register.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType

WHOLE_REGISTER_ROLES = {
	"Customer Service Assistant",
	"Customer Service Supervisor",
	"Property Manager",
	"Office Director",
	"System Manager",
}


def sees_only_own(user: str, role: str) -> bool:
	"""A user whose only way into the register is `role` sees just their own part of it."""
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return role in roles and not roles & WHOLE_REGISTER_ROLES


def sees_only_own_teams(user: str) -> bool:
	return sees_only_own(user, "Service Team Member")


def teams_of(user: str) -> list[str]:
	team, staff = DocType("Service Team"), DocType("Service Team Staff")
	headed = frappe.qb.from_(team).select(team.name).where(team.head == user)
	member_of = (
		frappe.qb.from_(staff)
		.select(staff.parent)
		.where((staff.user == user) & (staff.parenttype == "Service Team"))
	)
	return sorted({row[0] for row in (headed + member_of).run()})


def _sql_list(values: list[str]) -> str:
	return ", ".join(frappe.db.escape(value) for value in values)


def _team_condition(user: str | None, condition) -> str:
	"""No condition for the whole register; else `condition(teams)`, or nothing at all without a team."""
	user = user or frappe.session.user
	if not sees_only_own_teams(user):
		return ""
	teams = teams_of(user)
	return condition(teams) if teams else "1=0"


def household_of(user: str) -> str | None:
	"""The property unit of a resident's household (their Resident record)."""
	return frappe.db.get_value("Resident", {"user": user}, "property_unit")


def sees_only_household(user: str) -> bool:
	"""A resident (a website user) reads only their household's complaints and repairs, which the
	Resident role may read so that the portal's steps are theirs (workflow transitions check read)."""
	return user != "Administrator" and is_website_user(user)


def _household_condition(doctype: str, user: str) -> str:
	unit = household_of(user)
	return f"`tab{doctype}`.`property_unit` = {frappe.db.escape(unit)}" if unit else "1=0"


def handling_notice_query(user: str | None = None) -> str:
	return _team_condition(user, lambda teams: f"`tabHandling Notice`.`service_team` in ({_sql_list(teams)})")


def complaint_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_only_household(user):
		return _household_condition("Complaint Register", user)
	return _team_condition(user, _complaint_condition)


def _complaint_condition(teams: list[str]) -> str:
	return (
		f"(`tabComplaint Register`.`service_team` in ({_sql_list(teams)})"
		" or `tabComplaint Register`.`name` in (select `complaint` from `tabHandling Notice`"
		f" where `service_team` in ({_sql_list(teams)})))"
	)


def has_handling_notice_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	return not sees_only_own_teams(user) or doc.service_team in teams_of(user)


def has_complaint_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if sees_only_household(user):
		return bool(doc.property_unit) and doc.property_unit == household_of(user)
	if not sees_only_own_teams(user):
		return True
	teams = teams_of(user)
	return doc.service_team in teams or bool(
		frappe.db.exists("Handling Notice", {"complaint": doc.name, "service_team": ["in", teams]})
	)


def sees_only_own_orders(user: str) -> bool:
	return sees_only_own(user, "Technician")


def repair_work_order_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_only_household(user):
		return _household_condition("Repair Work Order", user)
	if not sees_only_own_orders(user):
		return ""
	return f"`tabRepair Work Order`.`technician` = {frappe.db.escape(user)}"


def has_repair_work_order_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if sees_only_household(user):
		return bool(doc.property_unit) and doc.property_unit == household_of(user)
	return not sees_only_own_orders(user) or doc.technician == user


# the narrowed records' child tables, which Frappe lists directly (get_list, reportview, export, count
# with parent_doctype): their rows are narrowed as their records are
NARROWED_CHILDREN = {
	"Complaint Escalation": ("Complaint Register", complaint_query),
	"Case Pause": ("Complaint Register", complaint_query),
	"Received Time Correction": ("Complaint Register", complaint_query),
	"Repair Work Item": ("Repair Work Order", repair_work_order_query),
	"Repair Photo": ("Repair Work Order", repair_work_order_query),
}


def child_query(user: str | None = None, doctype: str | None = None) -> str:
	parent, parent_query = NARROWED_CHILDREN[doctype]
	condition = parent_query(user)
	if not condition:
		return ""
	return (
		f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)}"
		f" and `tab{doctype}`.`parent` in (select `name` from `tab{parent}` where {condition})"
	)


@frappe.whitelist()
def get_count(doctype: str | None = None, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` as it should be: Frappe's counts any DocType for any logged-in user,
	which would tell a resident how many complaints another household has. Count what the caller may
	list, with the same permission rules as the list."""
	if not doctype or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("Say which kind of document to count."), frappe.DoesNotExistError)
	frappe.has_permission(doctype, "read", throw=True)
	return frappe.get_list(doctype, filters=filters, fields=["count(*) as count"], as_list=True)[0][0]


def is_website_user(user: str | None = None) -> bool:
	return frappe.get_cached_value("User", user or frappe.session.user, "user_type") == "Website User"


def tag_link_query(user: str | None = None) -> str:
	"""Frappe lets every role read Tag Link, whose rows name tagged records and their titles; a
	resident sees none of them (the portal shows a household its own records only)."""
	return "1=0" if is_website_user(user) else ""


def has_tag_link_permission(doc, ptype=None, user=None) -> bool:
	return not is_website_user(user)


def refuse_residents_the_desk():
	"""The desk's form loader hands out a record's history with it (versions, comments, assignments,
	e-mails): the office's, not the household's. A resident reads their household's record through the
	portal, or REST without it (hooks.py, override_whitelisted_methods)."""
	if is_website_user():
		frappe.throw(_("The office's desk is for staff."), frappe.PermissionError)


@frappe.whitelist()
def getdoc(doctype: str, name: str):
	from frappe.desk.form import load

	refuse_residents_the_desk()
	return load.getdoc(doctype, name)


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	from frappe.desk.form import load

	refuse_residents_the_desk()
	return load.get_docinfo(doc, doctype, name)


@frappe.whitelist()
def get_communications(doctype: str, name: str, start: int = 0, limit: int = 20):
	from frappe.desk.form import load

	refuse_residents_the_desk()
	return load.get_communications(doctype, name, start, limit)
