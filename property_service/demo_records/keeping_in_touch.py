"""The demo estate's courtesy visits (RV-11), key residents' contacts (IN-7) and owner forums (RC-6), in
their states: last year's visit plan completed and this year's under way (a visit of a past round not
made, so overdue), key residents with a log of contacts (one contact overdue, which the load's sweep
escalates), three forums held a quarter apart (the latest with its opinions still to register) and the
next one planned. Made through the app's own methods by the staff whose step it is, then dated back.
Loading twice adds nothing."""

from contextlib import contextmanager
from datetime import datetime, time

import frappe
from frappe.utils import add_days, get_fullname, getdate, now_datetime, today

from property_service.property_service.doctype.courtesy_visit.courtesy_visit import ETIQUETTE
from property_service.property_service.doctype.key_resident_contact.key_resident_contact import (
	plan_next_contact,
)

OPINIONS = (
	"希望增加小区夜间照明。",
	"对保洁工作满意，楼道很干净。",
	"建议在儿童游乐区加装遮阳棚。",
	"地下车库的指示牌不够清楚。",
	"物业人员服务热情，没有其他意见。",
	"希望电梯维保时提前张贴通知。",
)
HOUSEHOLDS_PER_ROUND = {"Office Director Visit": 2, "Property Manager Visit": 3}
# (days before the load the contact was made, how) for three key residents; the second one's next
# contact is long past, so the load's daily sweep escalates it
CONTACTS = (
	((85, "In Person"), (52, "Phone"), (20, "On-Site Meeting")),
	((70, "Phone"),),
	((10, "Phone"),),
)
CONTACT_NOTES = (
	"了解住户对电梯更换工程的意见，已记录并反馈工程部。",
	"住户反映家中老人行动不便，请求维修时优先上门，已登记。",
	"业委会委员，沟通下季度座谈会议题。",
)
# forums held this many days before the load, a quarter apart; the latest's opinions wait to be registered
FORUMS = (
	(
		180,
		"停车管理与车位分配",
		(
			("地面车位不够，晚上乱停车严重。", "Complaint"),
			("建议开放临时访客停车区。", "Suggestion"),
			("车库出入口夜间巡查加密。", "Follow-up Action"),
		),
	),
	(
		90,
		"绿化养护与环境卫生",
		(
			("3 栋北侧草坪长期积水。", "Complaint"),
			("建议增设分类垃圾桶。", "Suggestion"),
			("修剪 5 栋前遮挡窗户的树木。", "Follow-up Action"),
		),
	),
	(
		5,
		"冬季供暖与设施维修",
		(
			("部分楼栋暖气不热。", "Complaint"),
			("建议冬季延长物业服务中心值班时间。", "Suggestion"),
			("检查各楼栋单元门闭门器。", "Follow-up Action"),
		),
	),
)


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.keeping_in_touch.load --args "['翠湖花园']"`)."""
	from property_service.demo_estate import STAFF, demo_staff

	demo_staff()
	households = frappe.get_all(
		"Resident",
		filters={"estate": estate},
		fields=["name", "property_unit", "full_name"],
		order_by="property_unit",
	)
	courtesy_visits(estate, households)
	key_residents(estate, STAFF["Customer Service Assistant"])
	owner_forums(estate, households, STAFF)
	print("courtesy visit plans, key resident contacts and owner forums loaded")


@contextmanager
def acting(user: str):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def dated(doctype: str, name: str, when, **values):
	"""The record as made when the history says (its creation and last change)."""
	frappe.db.set_value(doctype, name, {"creation": when, "modified": when, **values}, update_modified=False)


def at(day, hour: int) -> datetime:
	return datetime.combine(getdate(day), time(hour))


# RV-11


def courtesy_visits(estate: str, households):
	if not households or frappe.db.exists("Courtesy Visit Plan", {"estate": estate}):
		return
	year = getdate(today()).year
	people = frappe.db.get_value("Estate", estate, ["property_manager", "office_director"], as_dict=True)
	for plan_year in (year - 1, year):
		with acting(people.property_manager):
			plan = frappe.get_doc(
				{"doctype": "Courtesy Visit Plan", "estate": estate, "plan_year": plan_year}
			).insert()
			for row in plan.rounds:  # a few households in each round, the director's fewer
				row.households_per_round = HOUSEHOLDS_PER_ROUND.get(row.visit_kind, 1)
			plan.save()
			plan.generate_visits()
		dated("Courtesy Visit Plan", plan.name, at(f"{plan_year}-01-05", 9))
		visits = frappe.get_all(
			"Courtesy Visit",
			filters={"plan": plan.name},
			fields=["name", "visitor", "due_by", "round_number"],
			order_by="due_by, visit_kind, name",
		)
		past = [visit for visit in visits if getdate(visit.due_by) < getdate(today())]
		# this year, one visit of a past round was not made: the plan shows it overdue
		missed = past[-1].name if plan_year == year and past else None
		for number, visit in enumerate(visits):
			due = getdate(visit.due_by)
			made_on = at(add_days(due, -(3 + number * 7 % 40)), 10 + number % 6)
			if visit.name == missed or made_on >= now_datetime():
				continue
			make_visit(visit, households[(number * 37) % len(households)], made_on, number)
			dated("Courtesy Visit", visit.name, at(f"{plan_year}-01-05", 9), modified=made_on)


def make_visit(visit, household, made_on, number: int):
	from property_service.demo_estate import SIGNATURE

	checks = {field: 1 for field in ETIQUETTE}
	if number % 7 == 3:
		checks["kept_talk_short"] = 0  # the talk ran long; the record says so
	with acting(visit.visitor):
		doc = frappe.get_doc("Courtesy Visit", visit.name)
		doc.update(
			{
				"property_unit": household.property_unit,
				"resident": household.name,
				"visited_on": made_on,
				"minutes_spent": 8 + number % 6 if checks["kept_talk_short"] else 25,
				"opinions": OPINIONS[number % len(OPINIONS)],
				"resident_signature": SIGNATURE,
				**checks,
			}
		)
		doc.save()


# IN-7


def key_residents(estate: str, assistant: str):
	keys = frappe.get_all(
		"Resident", filters={"estate": estate, "is_key_resident": 1}, pluck="name", order_by="name"
	)
	if not keys or frappe.db.exists("Key Resident Contact", {"estate": estate, "status": "Contacted"}):
		return
	for resident in keys:  # every key resident has their next contact planned
		plan_next_contact(resident)
	if len(keys) > 2:  # one kept in touch more often, by the front desk
		frappe.db.set_value("Resident", keys[2], {"contact_every_days": 14, "kept_in_touch_by": assistant})
	for resident, contacts, notes in zip(keys, CONTACTS, CONTACT_NOTES, strict=False):
		planned_since = None
		for days, method in contacts:
			contacted_on = at(add_days(today(), -days), 15)
			name = frappe.db.get_value("Key Resident Contact", {"resident": resident, "status": "To Contact"})
			contact = frappe.get_doc("Key Resident Contact", name)
			with acting(contact.contacted_by or assistant):
				contact.update({"contacted_on": contacted_on, "method": method, "notes": notes})
				contact.save()
			# planned at the contact before (the first one on the day it was made)
			dated(
				"Key Resident Contact",
				name,
				planned_since or add_days(contacted_on, -30),
				modified=contacted_on,
				**({} if planned_since else {"due_on": getdate(contacted_on)}),
			)
			planned_since = contacted_on
		following = frappe.db.get_value(
			"Key Resident Contact", {"resident": resident, "status": "To Contact"}
		)
		dated("Key Resident Contact", following, planned_since)


# RC-6


def owner_forums(estate: str, households, staff):
	if not households or frappe.db.exists("Owner Forum", {"estate": estate}):
		return
	manager = frappe.db.get_value("Estate", estate, "property_manager")
	assistant = staff["Customer Service Assistant"]
	supervisor = staff["Customer Service Supervisor"]
	with acting(assistant):
		forum = frappe.get_doc({"doctype": "Owner Forum", "estate": estate}).insert()
	first = True
	for number, (days, theme, opinions) in enumerate(FORUMS):
		held_on = getdate(add_days(today(), -days))
		attendees = [
			households[(number * 11 + seat) % len(households)] for seat in range(min(9, len(households)))
		]
		with acting(assistant):
			forum = frappe.get_doc("Owner Forum", forum.name)
			forum.update(
				{
					"theme": theme,
					"forum_date": held_on,
					"venue": "物业服务中心会议室",
					"chaired_by": manager,
					"recorded_by": assistant,
					"minutes": f"围绕“{theme}”听取业主意见，逐条答复并明确处理方式。",
					"attendees": [
						*(
							{
								"attendee_name": row.full_name,
								"resident": row.name,
								"property_unit": row.property_unit,
								"attendee_role": "Owners' Committee" if i == 0 else "Owner",
							}
							for i, row in enumerate(attendees)
						),
						{
							"attendee_name": get_fullname(manager),
							"attendee_role": "Company Staff",
							"user": manager,
						},
					],
					"opinions": [
						opinion_row(text, outcome, attendees[i % len(attendees)], supervisor, held_on)
						for i, (text, outcome) in enumerate(opinions)
					],
				}
			)
			forum.save()
			next_forum = forum.mark_held()
		if number < len(FORUMS) - 1:
			register_at_the_time(forum, estate, held_on, assistant, supervisor)
		dated("Owner Forum", forum.name, at(add_days(held_on, -20), 10), modified=at(held_on, 17))
		if first:
			frappe.db.set_value("Owner Forum", forum.name, "due_by", held_on, update_modified=False)
			first = False
		forum = frappe.get_doc("Owner Forum", next_forum)  # planned when this one was held
		dated("Owner Forum", forum.name, at(held_on, 17))


def opinion_row(text, outcome, household, responsible, held_on):
	row = {"opinion": text, "outcome": outcome, "raised_by": household.full_name, "resident": household.name}
	if outcome == "Follow-up Action":
		row.update({"action": text, "responsible_user": responsible, "due_on": add_days(held_on, 14)})
	return row


def register_at_the_time(forum, estate: str, held_on, assistant: str, supervisor: str):
	"""An earlier forum's complaints and suggestions were registered after it, as the register's own
	entries of those days show (the history's complaints); its actions were assigned and done."""
	used = set()
	for row in forum.opinions:
		if row.outcome not in ("Complaint", "Suggestion"):
			continue
		# a complaint is registered whatever its investigation later found; a suggestion as one
		validity = ("!=", "Suggestion") if row.outcome == "Complaint" else "Suggestion"
		near = frappe.get_all(
			"Complaint Register",
			filters={
				"estate": estate,
				"validity": validity,
				"received_on": ("between", [add_days(held_on, -3), add_days(held_on, 30)]),
				"name": ("not in", list(used) or [""]),
			},
			pluck="name",
			order_by="received_on",
			limit=1,
		)
		if near:
			used.add(near[0])
			row.db_set("complaint", near[0], update_modified=False)
		else:  # none of those days to link (a slice of the demo): the office followed it up instead
			row.db_set(
				{
					"outcome": "Follow-up Action",
					"action": row.opinion,
					"responsible_user": supervisor,
					"due_on": add_days(held_on, 14),
				},
				update_modified=False,
			)
	with acting(assistant):
		forum = frappe.get_doc("Owner Forum", forum.name)
		if any(r.outcome == "Follow-up Action" and not r.assigned_on for r in forum.opinions) or any(
			r.outcome in ("Complaint", "Suggestion") and not r.complaint for r in forum.opinions
		):
			forum.register_opinions()
	for row in frappe.get_all(
		"Owner Forum Opinion", filters={"parent": forum.name, "assigned_on": ("is", "set")}, pluck="name"
	):
		frappe.db.set_value("Owner Forum Opinion", row, "assigned_on", at(add_days(held_on, 1), 9))
	for name in frappe.get_all(
		"ToDo", filters={"reference_type": "Owner Forum", "reference_name": forum.name}, pluck="name"
	):
		todo = frappe.get_doc("ToDo", name)  # the action done
		todo.status = "Closed"
		todo.save(ignore_permissions=True)
		dated("ToDo", name, at(add_days(held_on, 1), 9), modified=at(add_days(held_on, 10), 16))
