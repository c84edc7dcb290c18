"""A service team sees the cases handed to it, and a technician the orders given to them (HN-2, WO-2).

Role permissions grant Service Team Member read on complaints and handling notices; these hooks
narrow that to the teams the user heads or belongs to. Users who also hold a front-desk or manager
role keep the whole register.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint
from pypika.terms import Bracket, Criterion, LiteralValue, ValueWrapper

from property_service.rules.records import KEPT_DOCTYPES

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


# The record rules are built with frappe.qb as criteria, which combine (a visit's rule takes in its cases',
# a child row's its record's), and handed to Frappe as the SQL text its permission_query_conditions hook
# takes. None is no narrowing; NOTHING lets no record through.
NOTHING = ValueWrapper(1) == ValueWrapper(0)


def sql_value(value: str) -> LiteralValue:
	"""A value in a rule, escaped by the database connection: pypika's own inlining doubles a quote but
	leaves a backslash, which MariaDB reads as an escape."""
	return LiteralValue(frappe.db.escape(value))


def sql_values(values: list[str]) -> list[LiteralValue]:
	return [sql_value(value) for value in values]


def condition_sql(criterion: Criterion | None) -> str:
	"""A rule as Frappe's permission_query_conditions hook returns it: SQL text, bracketed (Frappe joins
	the conditions of several hooks with `and`); no rule is the empty string."""
	if criterion is None:
		return ""
	return Bracket(criterion).get_sql(quote_char="`", with_namespace=True)


def names_where(doctype: str, criterion: Criterion | None):
	"""The names of the records of `doctype` a rule lets through, as a subquery."""
	table = DocType(doctype)
	query = frappe.qb.from_(table).select(table.name)
	return query if criterion is None else query.where(criterion)


def team_rule(user: str | None, rule) -> Criterion | None:
	"""No rule for the whole register; else `rule(teams)`, or nothing at all without a team."""
	user = user or frappe.session.user
	if not sees_only_own_teams(user):
		return None
	teams = teams_of(user)
	return rule(sql_values(teams)) if teams else NOTHING


def household_of(user: str) -> str | None:
	"""The property unit of a resident's household (their Resident record)."""
	return frappe.db.get_value("Resident", {"user": user}, "property_unit")


def sees_only_household(user: str) -> bool:
	"""A resident (a website user) reads only their household's complaints and repairs, which the
	Resident role may read so that the portal's steps are theirs (workflow transitions check read)."""
	return user != "Administrator" and is_website_user(user)


def household_rule(doctype: str, user: str) -> Criterion:
	unit = household_of(user)
	return DocType(doctype).property_unit == sql_value(unit) if unit else NOTHING


def handling_notice_rule(user: str | None = None) -> Criterion | None:
	return team_rule(user, lambda teams: DocType("Handling Notice").service_team.isin(teams))


def handling_notice_query(user: str | None = None) -> str:
	return condition_sql(handling_notice_rule(user))


def complaint_rule(user: str | None = None) -> Criterion | None:
	user = user or frappe.session.user
	if sees_only_household(user):
		return household_rule("Complaint Register", user)
	return team_rule(user, complaints_of_teams)


def complaints_of_teams(teams: list) -> Criterion:
	"""The complaints given to the teams, and those they were sent a handling notice for."""
	complaint, notice = DocType("Complaint Register"), DocType("Handling Notice")
	notified = frappe.qb.from_(notice).select(notice.complaint).where(notice.service_team.isin(teams))
	return complaint.service_team.isin(teams) | complaint.name.isin(notified)


def complaint_query(user: str | None = None) -> str:
	return condition_sql(complaint_rule(user))


def stored(doc, fieldname: str):
	"""What the record holds, not what a request is about to write into it: Frappe checks a save's
	permission on the document with the request's values already applied, so a team member who sent
	his own team as another team's notice's would otherwise pass. A new record is what it is."""
	if doc.is_new():
		return doc.get(fieldname)
	return frappe.db.get_value(doc.doctype, doc.name, fieldname)


def in_household(doc, user: str) -> bool:
	unit = stored(doc, "property_unit")
	return bool(unit) and unit == household_of(user)


def has_handling_notice_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if not sees_only_own_teams(user):
		return True
	return stored(doc, "service_team") in teams_of(user)


def has_complaint_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if sees_only_household(user):
		return in_household(doc, user)
	if not sees_only_own_teams(user):
		return True
	teams = teams_of(user)
	return stored(doc, "service_team") in teams or bool(
		frappe.db.exists("Handling Notice", {"complaint": doc.name, "service_team": ["in", teams]})
	)


def sees_only_own_orders(user: str) -> bool:
	return sees_only_own(user, "Technician")


def repair_work_order_rule(user: str | None = None) -> Criterion | None:
	user = user or frappe.session.user
	if sees_only_household(user):
		return household_rule("Repair Work Order", user)
	if not sees_only_own_orders(user):
		return None
	return DocType("Repair Work Order").technician == sql_value(user)


def repair_work_order_query(user: str | None = None) -> str:
	return condition_sql(repair_work_order_rule(user))


def has_repair_work_order_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if sees_only_household(user):
		return in_household(doc, user)
	return not sees_only_own_orders(user) or stored(doc, "technician") == user


def narrowed(user: str) -> bool:
	return sees_only_own_teams(user) or sees_only_own_orders(user)


def return_visit_query(user: str | None = None) -> str:
	"""A team member or technician reads the visits they make and those of the cases they may read."""
	user = user or frappe.session.user
	if not narrowed(user):
		return ""
	visit = DocType("Return Visit")
	parts = [visit.visitor == sql_value(user)]
	for case, rule in (
		("Complaint Register", complaint_rule),
		("Repair Work Order", repair_work_order_rule),
	):
		if frappe.has_permission(case, "read", user=user):
			parts.append(
				(visit.reference_doctype == sql_value(case))
				& visit.reference_name.isin(names_where(case, rule(user)))
			)
	return condition_sql(Criterion.any(parts))


def has_return_visit_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if not narrowed(user) or stored(doc, "visitor") == user:
		return True
	case, name = stored(doc, "reference_doctype"), stored(doc, "reference_name")
	return case in NARROWED_CASES and bool(name) and frappe.has_permission(case, "read", name, user=user)


NARROWED_CASES = ("Complaint Register", "Repair Work Order")


def rectification_notice_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not sees_only_own_orders(user):
		return ""
	return condition_sql(DocType("Rectification Notice").technician == sql_value(user))


def has_rectification_notice_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	return not sees_only_own_orders(user) or stored(doc, "technician") == user


# the narrowed records' child tables, which Frappe lists directly (get_list, reportview, export, count
# with parent_doctype): their rows are narrowed as their records are
NARROWED_CHILDREN = {
	"Complaint Escalation": ("Complaint Register", complaint_rule),
	"Case Pause": ("Complaint Register", complaint_rule),
	"Received Time Correction": ("Complaint Register", complaint_rule),
	"Complaint Investigator": ("Complaint Register", complaint_rule),
	"Repair Work Item": ("Repair Work Order", repair_work_order_rule),
	"Repair Photo": ("Repair Work Order", repair_work_order_rule),
}


def child_query(user: str | None = None, doctype: str | None = None) -> str:
	parent, parent_rule = NARROWED_CHILDREN[doctype]
	rule = parent_rule(user)
	if rule is None:
		return ""
	row = DocType(doctype)
	return condition_sql((row.parenttype == sql_value(parent)) & row.parent.isin(names_where(parent, rule)))


@frappe.whitelist()
def get_count(
	doctype: str | None = None,
	filters: str | dict | list | None = None,
	debug: bool = False,
	cache: bool = False,
) -> int:
	"""`frappe.client.get_count` as it should be: Frappe's counts any DocType for any logged-in user,
	which would tell a resident how many complaints another household has. Count what the caller may
	list, with the same permission rules as the list."""
	if not doctype or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("Say which kind of document to count."), frappe.DoesNotExistError)
	frappe.has_permission(doctype, "read", throw=True)
	try:
		listed = listed_query(doctype, filters, [f"`tab{doctype}`.`name`"])
	except (TypeError, ValueError, AttributeError):  # filters that are not filters (Frappe parses them)
		frappe.throw(_("The filters were not sent correctly."))
	return frappe.db.sql(f"select count(*) from ({listed}) listed")[0][0]


def listed_query(doctype: str, filters, fields: list[str]) -> str:
	"""The SELECT of the records the session user may list (Frappe's permissions and the app's record
	rules applied by `frappe.get_list`), to be counted or grouped by an outer query, as Frappe's own
	reportview.get_count does: SQL functions stay out of get_list's fields, which Frappe v16 refuses."""
	return frappe.get_list(doctype, filters=filters, fields=fields, order_by=None, run=0)


def is_website_user(user: str | None = None) -> bool:
	return frappe.get_cached_value("User", user or frappe.session.user, "user_type") == "Website User"


NARROWED = {
	"Complaint Register": complaint_rule,
	"Handling Notice": handling_notice_rule,
	"Repair Work Order": repair_work_order_rule,
}


def tag_link_query(user: str | None = None) -> str:
	"""Frappe lets every role read Tag Link, whose rows name tagged records and their titles: a
	resident sees none of them, and staff only those of the office's records they may read."""
	user = user or frappe.session.user
	if is_website_user(user):
		return condition_sql(NOTHING)
	tag = DocType("Tag Link")
	unreadable, rules = [], []
	for doctype in KEPT_DOCTYPES:
		if not frappe.has_permission(doctype, "read", user=user):
			unreadable.append(doctype)
		elif doctype in NARROWED and (rule := NARROWED[doctype](user)) is not None:
			rules.append(
				(tag.document_type != sql_value(doctype)) | tag.document_name.isin(names_where(doctype, rule))
			)
	if unreadable:
		rules.append(tag.document_type.notin(sql_values(unreadable)))
	return condition_sql(Criterion.all(rules)) if rules else ""


def has_tag_link_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if is_website_user(user):
		return False
	if doc.document_type in KEPT_DOCTYPES and frappe.db.exists(doc.document_type, doc.document_name):
		return frappe.has_permission(doc.document_type, "read", doc.document_name, user=user)
	return True


def refuse_residents_the_desk():
	"""The desk is the office's. A resident reads their household's complaints and repair orders (so
	that the portal's steps are their own workflow transitions), but through the portal, or REST without
	the history: not the desk's form loader, which hands out a record's versions, comments, assignments
	and e-mails with it, nor its record actions (comment, assign, tag, follow, share), which need only
	read (hooks.py, override_whitelisted_methods)."""
	if is_website_user():
		frappe.throw(_("The office's desk is for staff."), frappe.PermissionError)


def refuse_residents_prints(doc, method=None, *args, **kwargs):
	"""before_print of a kept record: the office's printed forms carry its deadlines, levels and who
	did what, which a resident reading their own household's record does not see."""
	refuse_residents_the_desk()


def staff_desk_method(path: str, methods: tuple[str, ...] | None = None):
	"""Frappe's desk method at `path`, refused to residents."""

	def method(**kwargs):
		refuse_residents_the_desk()
		return frappe.call(frappe.get_attr(path), **kwargs)

	method.__name__ = path.rsplit(".", 1)[-1]
	return frappe.whitelist(methods=list(methods) if methods else None)(method)


WRITE = ("POST", "PUT")
get_link_title = staff_desk_method("frappe.desk.search.get_link_title")
getdoc = staff_desk_method("frappe.desk.form.load.getdoc")
get_docinfo = staff_desk_method("frappe.desk.form.load.get_docinfo")
get_communications = staff_desk_method("frappe.desk.form.load.get_communications")
add_comment = staff_desk_method("frappe.desk.form.utils.add_comment", WRITE)
add_assignment = staff_desk_method("frappe.desk.form.assign_to.add", WRITE)
add_tag = staff_desk_method("frappe.desk.doctype.tag.tag.add_tag", WRITE)
add_tags = staff_desk_method("frappe.desk.doctype.tag.tag.add_tags", WRITE)
follow_document = staff_desk_method("frappe.desk.form.document_follow.follow_document", WRITE)
share = staff_desk_method("frappe.share.add", WRITE)
add_assignments = staff_desk_method("frappe.desk.form.assign_to.add_multiple", WRITE)
remove_assignment = staff_desk_method("frappe.desk.form.assign_to.remove", WRITE)
remove_assignments = staff_desk_method("frappe.desk.form.assign_to.remove_multiple", WRITE)
close_assignment = staff_desk_method("frappe.desk.form.assign_to.close", WRITE)
toggle_like = staff_desk_method("frappe.desk.like.toggle_like", WRITE)
update_comment = staff_desk_method("frappe.desk.form.utils.update_comment", WRITE)


def refuse_where_narrowed(doctype: str):
	"""Frappe's heatmap charts and the list sidebar's group-by counts read with `get_all`, without the
	DocType's permission rules: a heatmap summing a text column, or counts filtered on it, told a
	resident another household's phone number. A resident gets neither; a member of staff whose view
	of the DocType is narrowed (a team, a technician) gets them only where nothing narrows it."""
	refuse_residents_the_desk()
	query = frappe.get_hooks("permission_query_conditions").get(doctype)
	if query and frappe.call(frappe.get_attr(query[-1]), frappe.session.user, doctype=doctype):
		frappe.throw(
			_("This summary is not available for your part of the register."), frappe.PermissionError
		)


@frappe.whitelist()
def get_dashboard_chart(chart_name: str | None = None, chart: str | dict | None = None, **kwargs):
	"""A chart for the desk; its heatmap is the kind that reads without permission rules."""
	from frappe.desk.doctype.dashboard_chart import dashboard_chart

	settings = (
		frappe.get_doc("Dashboard Chart", chart_name)
		if chart_name
		else frappe._dict(frappe.parse_json(chart))
	)
	if settings.type == "Heatmap":
		refuse_where_narrowed(settings.document_type)
	refuse_residents_the_desk()
	return frappe.call(dashboard_chart.get, chart_name=chart_name, chart=chart, **kwargs)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	from frappe.desk import listview

	refuse_where_narrowed(doctype)
	return listview.get_group_by_count(doctype, current_filters, field)


def search_may_skip_user_permissions(doctype: str, ignore_user_permissions) -> bool:
	"""Frappe's link search turns `ignore_user_permissions` (meant to skip User Permission records)
	into skipping every permission rule of the DocType for anyone who may read it: a technician
	searching Repair Work Order with it set listed every technician's orders, a resident every
	household's complaints. It is honoured only where a DocType has no record-level rules and for staff."""
	if not cint(ignore_user_permissions) or is_website_user():
		return False
	hooks = frappe.get_hooks("permission_query_conditions")
	return not (hooks.get(doctype) or frappe.get_hooks("has_permission").get(doctype))


def link_search_method(path: str):
	"""Frappe's link search at `path`, its `ignore_user_permissions` honoured only where it cannot skip a
	record rule (Frappe's own function checks the arguments' types)."""

	def method(doctype: str, ignore_user_permissions=False, **kwargs):
		kwargs["ignore_user_permissions"] = search_may_skip_user_permissions(doctype, ignore_user_permissions)
		return frappe.call(frappe.get_attr(path), doctype=doctype, **kwargs)

	method.__name__ = path.rsplit(".", 1)[-1]
	return frappe.whitelist()(method)


search_link = link_search_method("frappe.desk.search.search_link")
search_widget = link_search_method("frappe.desk.search.search_widget")


def refuse_following_what_one_may_not_read(doc, method=None):
	"""before_insert of Document Follow: following a record, whose digest e-mails its changes, needs
	read on it (Frappe checks none)."""
	if doc.user == "Administrator":
		return
	if not frappe.db.exists(doc.ref_doctype, doc.ref_docname) or not frappe.has_permission(
		doc.ref_doctype, "read", doc.ref_docname, user=doc.user
	):
		frappe.throw(
			_("You may not do that on {0} {1}.").format(_(doc.ref_doctype), doc.ref_docname),
			frappe.PermissionError,
		)


def has_file_permission(doc, ptype=None, user=None) -> bool | None:
	"""Creating or changing a File record. Frappe lets anyone who may write one point it at any stored
	file and any record, and checks the request's values (not the stored ones). Here: a resident writes
	none but through the portal (not Frappe's upload_file or REST); attaching to a record needs write on
	that record; pointing at a private file already stored, without sending its content, needs read on
	a File record that holds it (as the desk's file library offers); making a private file public needs
	write on the record it is attached to. Code that wrote the File with `ignore_permissions` (the
	portal, Frappe's own) has checked its own right. No objection is None, not True: Frappe takes the
	first answer of the File's permission hooks, and its own decides who reads a file."""
	user = user or frappe.session.user
	if ptype not in ("create", "write") or user == "Administrator" or doc.flags.from_portal:
		return None
	if is_website_user(user):
		return False
	before = (
		None
		if doc.is_new()
		else frappe.db.get_value(
			"File",
			doc.name,
			["file_url", "attached_to_doctype", "attached_to_name", "is_private"],
			as_dict=True,
		)
	)

	def changed(fieldname):
		return before is None or before.get(fieldname) != doc.get(fieldname)

	target = (doc.attached_to_doctype, doc.attached_to_name)
	if all(target) and (changed("attached_to_doctype") or changed("attached_to_name")):
		if not may(*target, "write", user):
			return False
	url = doc.file_url or ""
	if url.startswith("/private/") and changed("file_url") and not (before is None and doc.get("content")):
		holders = frappe.get_all(
			"File", filters={"file_url": url, "name": ("!=", doc.name or "")}, pluck="name"
		)
		if not any(frappe.has_permission("File", "read", holder, user=user) for holder in holders):
			return False
	if before is not None and before.is_private and not doc.is_private:
		if not (may(*target, "write", user) if all(target) else doc.owner == user):
			return False
	return None


def may(doctype: str, name: str, ptype: str, user: str) -> bool:
	return bool(frappe.db.exists(doctype, name)) and frappe.has_permission(doctype, ptype, name, user=user)


def refuse_residents_desk_records(doc, method=None):
	"""before_insert and before_save of ToDo, Tag Link and Comment, which every role may create through
	REST: not a resident (the portal's own notes are Info comments, the app's assignments its own)."""
	if doc.flags.ignore_permissions or not is_website_user() or frappe.session.user == "Guest":
		return
	if doc.doctype == "Comment" and doc.comment_type != "Comment":
		return
	frappe.throw(_("The office's desk is for staff."), frappe.PermissionError)
