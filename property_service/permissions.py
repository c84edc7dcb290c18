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


def handling_notice_query(user: str | None = None) -> str:
	return _team_condition(user, lambda teams: f"`tabHandling Notice`.`service_team` in ({_sql_list(teams)})")


def complaint_query(user: str | None = None) -> str:
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
	if not sees_only_own_orders(user):
		return ""
	return f"`tabRepair Work Order`.`technician` = {frappe.db.escape(user)}"


def has_repair_work_order_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	return not sees_only_own_orders(user) or doc.technician == user


@frappe.whitelist()
def get_count(doctype: str | None = None, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` as it should be: Frappe's counts any DocType for any logged-in user,
	which would tell a resident how many complaints another household has. Count what the caller may
	list, with the same permission rules as the list."""
	if not doctype or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("Say which kind of document to count."), frappe.DoesNotExistError)
	frappe.has_permission(doctype, "read", throw=True)
	return frappe.get_list(doctype, filters=filters, fields=["count(*) as count"], as_list=True)[0][0]
