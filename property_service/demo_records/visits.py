"""The demo estate's return visits by the company's policies: two households visited the way they prefer,
one by e-mail and one by an inspection on site (RV-6); a rectification notice the technician let run past
its 24 hours, which the load's sweep escalates to the supervisor, and one given a few hours ago (RV-7); a
water-heater repair waiting for its trial run before its visit (RV-13, the category's days). Made through
the app by the staff whose step it is, then dated back. Loading twice adds nothing."""

from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime, now_datetime

from property_service import deadline_sweep

# a category whose repaired items run a few days before anyone asks how they work (RV-13)
TRIAL_CATEGORY, TRIAL_DAYS = "热水器维修", 3
# (household's place in the estate's list, their preferred way, whether they give an address, the repair,
#  days before the load it was completed)
PREFERRING = (
	(40, "E-mail", True, "卫生间排气扇不转", 6),
	(90, "On-site Inspection", False, "阳台晾衣架升降卡住", 4),
)
# (household, the repair, days before the load it was completed, the visit's days before, what it found):
# one notice let run past its 24 hours, one given this morning
NOTICES = (
	(130, "厨房水槽下水管渗水", 3, 2, "下水管接口仍有渗水，柜内木板受潮"),
	(210, "卧室墙面插座松动", 1, 0, "插座面板仍有晃动，需加固底盒"),
)
ON_TRIAL = (170, "燃气热水器点火困难，出水忽冷忽热", 1)


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.visits.load --args "['翠湖花园']"`)."""
	from property_service.demo_estate import speaking

	with speaking("zh"):  # what the app writes for the staff, in the office's language
		load_visits(estate)


def load_visits(estate: str):
	from property_service.demo_estate import STAFF, demo_staff

	demo_staff()
	households = frappe.get_all(
		"Resident", filters={"estate": estate, "user": ("is", "not set")}, pluck="name", order_by="name"
	)
	if not households or frappe.db.exists("Complaint Category", TRIAL_CATEGORY):
		return
	frappe.get_doc(
		{
			"doctype": "Complaint Category",
			"category_name": TRIAL_CATEGORY,
			"default_team": frappe.db.get_value("Complaint Category", "日常维修", "default_team"),
			"is_routine": 1,
			"trial_run_days": TRIAL_DAYS,
			"description": "热水器、空调等维修后需试运行数日再回访。",
		}
	).insert(ignore_permissions=True)
	technician = STAFF["Technician"]
	for place, method, gives_address, problem, days_ago in PREFERRING:
		resident = households[place % len(households)]  # the whole estate's, or a slice's
		# a mobile operator's mailbox by the phone number, as many residents have
		phone = frappe.db.get_value("Resident", resident, "phone")
		address = {"email": f"{phone}@139.com"} if gives_address else {}
		frappe.db.set_value("Resident", resident, {"visit_method": method, **address})
		order = repaired(resident, "日常维修", problem, technician, days_ago)
		visited(
			order,
			days_ago - 1,
			"风扇已正常运转，住户表示满意。" if gives_address else "现场查看晾衣架升降顺畅。",
		)
	for place, problem, days_ago, visited_days_ago, found in NOTICES:
		order = repaired(households[place % len(households)], "日常维修", problem, technician, days_ago)
		visited(order, visited_days_ago, "住户对维修态度满意，但问题未彻底解决。", found)
	place, problem, days_ago = ON_TRIAL
	repaired(households[place % len(households)], TRIAL_CATEGORY, problem, technician, days_ago)
	# the notice late by now is escalated as the hourly sweep would (the full load's sweeps find it done)
	deadline_sweep.sweep((deadline_sweep.RECTIFICATION_NOTICE_DUE,), carry_out_now=True)
	print("return visits by e-mail and on site, a late rectification notice and a repair on trial loaded")


def repaired(resident: str, category: str, problem: str, technician: str, days_ago: int):
	"""A repair requested, done and signed as the desk and the technician do it, then moved `days_ago`
	days back with its return visit."""
	from property_service.demo_estate import SIGNATURE, STAFF, retell_due

	assistant = STAFF["Customer Service Assistant"]
	now = now_datetime()
	order = as_user(
		assistant,
		lambda: frappe.get_doc(
			{
				"doctype": "Repair Work Order",
				"resident": resident,
				"category": category,
				"problem": problem,
				"requested_on": now,
				"appointment_time": now + timedelta(hours=2),
				"channel": "Telephone",
				"technician": technician,
			}
		).insert(),
	)
	order = step(order, "Dispatch", assistant)
	order = step(order, "Start Work", technician)
	order = changed(order, technician, diagnosis=f"现场确认：{problem}", work_done=f"已处理：{problem}")
	order = step(order, "Complete", technician)
	order = changed(
		order,
		technician,
		resident_satisfied="Satisfied",
		resident_signature=SIGNATURE,
		fees_shown_to_resident=1,
	)
	order = step(order, "Verify", technician)
	back = timedelta(days=days_ago, hours=3)
	moved = {
		field: get_datetime(order.get(field)) - back
		for field in (
			"requested_on",
			"appointment_time",
			"dispatch_due",
			"dispatched_on",
			"acknowledged_on",
			"arrived_on",
			"completed_on",
			"signed_on",
		)
		if order.get(field)
	}
	frappe.db.set_value(
		"Repair Work Order",
		order.name,
		{**moved, "creation": moved["requested_on"], "modified": moved["signed_on"]},
		update_modified=False,
	)
	visit = frappe.db.get_value(
		"Return Visit", {"reference_name": order.name}, ["name", "due_on", "visit_from"], as_dict=True
	)
	retell_due("Return Visit", visit.name, get_datetime(visit.due_on) - back)  # the visitor's to-do
	frappe.db.set_value(
		"Return Visit",
		visit.name,
		{
			"due_on": get_datetime(visit.due_on) - back,
			"visit_from": get_datetime(visit.visit_from) - back if visit.visit_from else None,
			"creation": moved["signed_on"],
			"modified": moved["signed_on"],
		},
		update_modified=False,
	)
	return frappe.get_doc("Repair Work Order", order.name)


def visited(order, days_ago: int, opinions: str, problems_found: str | None = None):
	"""The visitor records the resident's view, then the visit is dated when it was made; problems found
	send a rectification notice to the technician, dated from the visit (RV-7)."""
	from property_service.demo_estate import retell_due

	name, visitor = frappe.db.get_value("Return Visit", {"reference_name": order.name}, ["name", "visitor"])
	when = now_datetime() - timedelta(days=days_ago, hours=2)
	as_user(
		visitor,
		lambda: (
			frappe.get_doc("Return Visit", name)
			.update(
				{
					"satisfied": "Satisfied",
					"punctual": "Yes",
					"attitude": "Good",
					"quality": "Fair" if problems_found else "Good",
					"fee_check": "No Fee",
					"opinions": opinions,
					"problems_found": problems_found,
				}
			)
			.save()
		),
	)
	frappe.db.set_value(
		"Return Visit",
		name,
		{
			"completed_on": when,
			"visited_on": when,
			"record_due_on": when.date() + timedelta(days=1),
			"modified": when,
		},
		update_modified=False,
	)
	notice = frappe.db.get_value("Rectification Notice", {"return_visit": name})
	if notice:
		hours = frappe.db.get_single_value("Property Service Settings", "rectification_notice_hours")
		retell_due("Rectification Notice", notice, when + timedelta(hours=hours))  # the technician's to-do
		frappe.db.set_value(
			"Rectification Notice",
			notice,
			{"creation": when, "modified": when, "due_on": when + timedelta(hours=hours)},
			update_modified=False,
		)


def as_user(user: str, make):
	frappe.set_user(user)
	try:
		return make()
	finally:
		frappe.set_user("Administrator")


def step(doc, action: str, user: str):
	return as_user(user, lambda: apply_workflow(frappe.get_doc(doc.doctype, doc.name), action))


def changed(doc, user: str, **values):
	return as_user(user, lambda: frappe.get_doc(doc.doctype, doc.name).update(values).save())
