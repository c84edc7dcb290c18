"""Test records, made in one place. Base data is created once and committed; tests roll back their own."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime

ESTATE = "测试小区 Test Estate"
STAFF = {
	"assistant@ps.test": ("前台 Assistant", ["Customer Service Assistant"]),
	"assistant2@ps.test": ("前台二 Assistant Two", ["Customer Service Assistant"]),
	"supervisor@ps.test": ("主管 Supervisor", ["Customer Service Supervisor"]),
	"manager@ps.test": ("经理 Manager", ["Property Manager"]),
	"director@ps.test": ("主任 Director", ["Office Director"]),
	"head@ps.test": ("班长 Team Head", ["Service Team Member"]),
	"member@ps.test": ("维修工 Team Member", ["Service Team Member"]),
	"technician@ps.test": ("师傅 Technician", ["Technician"]),
	"centre@ps.test": ("中心经理 Centre Manager", ["Customer Service Supervisor"]),
	"csm@ps.test": ("客服部经理 Department Manager", ["Customer Service Manager"]),
	"dgm@ps.test": ("副总 Deputy GM", ["Deputy General Manager"]),
	"gm@ps.test": ("总经理 General Manager", ["General Manager"]),
}
TEAM = "测试维修组 Test Maintenance"
CATEGORY = "测试漏水 Test Leak"


def ensure_user(email: str, full_name: str, roles: list[str]) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = set(roles) - {row.role for row in user.roles}
	if missing:
		user.add_roles(*missing)
	return email


def ensure_base_data() -> frappe._dict:
	"""An estate with its deciders, a building, two units with residents, a team and a category."""
	for email, (name, roles) in STAFF.items():
		ensure_user(email, name, roles)
	if not frappe.db.exists("Estate", ESTATE):
		frappe.get_doc(
			{
				"doctype": "Estate",
				"estate_name": ESTATE,
				"floor_area": 42000,
				"occupied_households": 300,
				"service_supervisor": "supervisor@ps.test",
				"property_manager": "manager@ps.test",
				"office_director": "director@ps.test",
				"service_centre_manager": "centre@ps.test",
			}
		).insert()
	building = frappe.db.get_value("Building", {"estate": ESTATE}) or (
		frappe.get_doc({"doctype": "Building", "building_name": "1栋", "estate": ESTATE}).insert().name
	)
	residents = []
	for unit_number, name, phone in (("101", "李明", "13800000001"), ("102", "王芳", "13800000002")):
		unit = frappe.db.get_value("Property Unit", {"building": building, "unit_number": unit_number}) or (
			frappe.get_doc({"doctype": "Property Unit", "building": building, "unit_number": unit_number})
			.insert()
			.name
		)
		residents.append(
			# by name: a unit may have other residents too (a tenant a test made, kept by a commit)
			frappe.db.get_value("Resident", {"property_unit": unit, "full_name": name})
			or frappe.get_doc(
				{"doctype": "Resident", "full_name": name, "phone": phone, "property_unit": unit}
			)
			.insert()
			.name
		)
	if not frappe.db.exists("Service Team", TEAM):
		frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": TEAM,
				"head": "head@ps.test",
				"members": [{"user": "head@ps.test", "is_lead": 1}, {"user": "member@ps.test"}],
			}
		).insert()
	if not frappe.db.exists("Complaint Category", CATEGORY):
		frappe.get_doc(
			{"doctype": "Complaint Category", "category_name": CATEGORY, "default_team": TEAM, "is_leak": 1}
		).insert()
	for name, flags in ROUTINE_CATEGORIES.items():
		if not frappe.db.exists("Complaint Category", name):
			frappe.get_doc(
				{"doctype": "Complaint Category", "category_name": name, "default_team": TEAM, **flags}
			).insert()
	frappe.db.commit()
	return frappe._dict(estate=ESTATE, building=building, residents=residents, team=TEAM, category=CATEGORY)


ROUTINE_CATEGORIES = {
	"测试日常维修 Test Routine Repair": {"is_routine": 1},
	"测试电梯困人 Test Lift Entrapment": {"is_emergency": 1},
	"测试消防设施 Test Fire Equipment": {"is_safety_facility": 1},
}


def make_work_order(base, **values):
	requested_on = values.pop("requested_on", None) or now_datetime()
	return frappe.get_doc(
		{
			"doctype": "Repair Work Order",
			"resident": base.residents[0],
			"category": "测试日常维修 Test Routine Repair",
			"problem": "厨房水龙头漏水 Kitchen tap drips",
			"requested_on": requested_on,
			"appointment_time": add_to_date(requested_on, hours=3),
			**values,
		}
	).insert()


SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def repair_and_sign(order, satisfied="Satisfied", **values):
	"""Dispatch, repair, and have the resident sign, as the desk and the technician do."""
	order = edit(order, "assistant@ps.test", technician="technician@ps.test")
	order = act(order, "Dispatch", "assistant@ps.test")
	order = act(order, "Start Work", "technician@ps.test")
	order = edit(
		order,
		"technician@ps.test",
		diagnosis="阀芯老化 Worn valve",
		work_done="更换阀芯 Valve replaced",
		**values,
	)
	order = act(order, "Complete", "technician@ps.test")
	order = edit(
		order,
		"technician@ps.test",
		resident_satisfied=satisfied,
		resident_signature=SIGNATURE,
		fees_shown_to_resident=1,
	)
	return act(order, "Verify" if satisfied == "Satisfied" else "Rework", "technician@ps.test")


def make_complaint(base, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"channel": "Telephone",
			"resident": base.residents[0],
			"category": base.category,
			"summary": "楼上漏水 Leak from the flat above",
			"description": "卫生间天花板滴水 Water dripping from the bathroom ceiling",
			**values,
		}
	)
	return doc.insert()


def act(doc, action, user="Administrator"):
	"""Apply a workflow action as `user`, as that user's click would. Resolving a valid complaint that has
	not been verified, investigated and decided records those steps first, as the desk would have (IN-8 …
	IN-10); the tests of those steps (test_investigation.py) take them themselves."""
	if action == "Resolve" and doc.doctype == "Complaint Register":
		investigate_and_decide(doc)
	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user("Administrator")


STEPS_RECORDED = {
	"facts_verified": "Confirmed",
	"identity_verified": 1,
	"investigated_by": "head@ps.test",
	"facts_found": "楼上卫生间防水层破损 The flat above's bathroom waterproofing is broken",
	"cause_analysis": "防水层老化，巡检未发现 Worn waterproofing missed by the rounds",
	"decision": "维修防水层并赔偿住户吊顶 Repair the waterproofing; make good the ceiling",
	"decision_agreed_by": "supervisor@ps.test",
	"written_answer": "您反映的漏水问题已查明原因并处理 The leak's cause is found and dealt with",
}


def investigate_and_decide(complaint, user="assistant@ps.test", **values):
	"""The verification, investigation and decision a valid complaint needs, where not recorded yet."""
	from property_service.rules import investigation

	stored = frappe.get_doc(complaint.doctype, complaint.name)
	if not investigation.missing_steps(stored.validity, stored.as_dict()):
		return stored
	missing = {field: value for field, value in {**STEPS_RECORDED, **values}.items() if not stored.get(field)}
	return edit(stored, user, **missing)


def edit(doc, user="Administrator", **values):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return doc
	finally:
		frappe.set_user("Administrator")


def issue_notice(complaint, user="assistant@ps.test", **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Handling Notice",
				"complaint": complaint.name,
				"due_on": add_to_date(now_datetime(), days=2),
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def complete_notice(notice, result="已更换水管 Pipe replaced"):
	notice = edit(
		notice,
		"member@ps.test",
		remedial_measures="关闭阀门并更换水管 Valve closed, pipe replaced",
		corrective_measures="每季度检查立管 Check risers quarterly",
		result=result,
	)
	notice = act(notice, "Report Result", "member@ps.test")
	return act(notice, "Sign Off", "head@ps.test")


def record_visit(case, satisfied, opinions=""):
	"""The visitor records the resident's view on the case's waiting return visit."""
	name = frappe.db.get_value(
		"Return Visit", {"reference_doctype": case.doctype, "reference_name": case.name, "status": "To Visit"}
	)
	visit = frappe.get_doc("Return Visit", name)
	values = {"satisfied": satisfied, "opinions": opinions}
	if visit.method == "In Person":
		values["resident_signature"] = SIGNATURE
	return edit(visit, visit.visitor or "assistant@ps.test", **values)


def ensure_estate(name: str, buildings: dict[str, list[tuple[str, str, str]]]) -> frappe._dict:
	"""An estate of its own, with the test staff as its deciders: {building: [(unit, resident, phone)]}.
	Tests that count every record of an estate use one, so what other tests keep does not count.
	Returns the estate, its buildings, units and residents in order, and the base team and category."""
	ensure_base_data()
	if not frappe.db.exists("Estate", name):
		frappe.get_doc(
			{
				"doctype": "Estate",
				"estate_name": name,
				"floor_area": 30000,
				"occupied_households": 100,
				"service_supervisor": "supervisor@ps.test",
				"property_manager": "manager@ps.test",
				"office_director": "director@ps.test",
				"service_centre_manager": "centre@ps.test",
			}
		).insert()
	made = frappe._dict(estate=name, buildings=[], units=[], residents=[], team=TEAM, category=CATEGORY)
	for building_name, units in buildings.items():
		building = frappe.db.get_value("Building", {"estate": name, "building_name": building_name}) or (
			frappe.get_doc({"doctype": "Building", "building_name": building_name, "estate": name})
			.insert()
			.name
		)
		made.buildings.append(building)
		for unit_number, full_name, phone in units:
			unit = frappe.db.get_value(
				"Property Unit", {"building": building, "unit_number": unit_number}
			) or (
				frappe.get_doc({"doctype": "Property Unit", "building": building, "unit_number": unit_number})
				.insert()
				.name
			)
			made.units.append(unit)
			made.residents.append(
				# by name: a unit may have other residents too (a tenant a test made, kept by a commit)
				frappe.db.get_value("Resident", {"property_unit": unit, "full_name": full_name})
				or frappe.get_doc(
					{"doctype": "Resident", "full_name": full_name, "phone": phone, "property_unit": unit}
				)
				.insert()
				.name
			)
	frappe.db.commit()
	return made


def run_data_import(doctype: str, csv_text: str, user: str = "Administrator"):
	"""Frappe's Data Import as a company runs it: a Data Import document with the file attached, imported
	by the job a worker runs (`start_import`), as `user`. The importer commits as it goes."""
	from frappe.core.doctype.data_import.data_import import start_import

	frappe.set_user(user)
	try:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{frappe.scrub(doctype)}-{frappe.generate_hash(length=6)}.csv",
				"content": csv_text.encode(),
				"is_private": 1,
			}
		).insert()
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": doctype,
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()
		start_import(data_import.name)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return frappe.get_doc("Data Import", data_import.name)


def ensure_resident_user(resident: str, email: str, password: str | None = None) -> str:
	"""A portal account (a website user with the Resident role) for the household of `resident`."""
	from frappe.utils.password import update_password

	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": "Resident"}],
			}
		).insert(ignore_permissions=True)
	if password:
		update_password(email, password)
	frappe.db.set_value("Resident", resident, "user", email)
	return email


def escalated_complaint(base, **values):
	"""A complaint not accepted in time: breached and escalated to the supervisor by the sweep, with
	its record (committed, for tests that read it over HTTP)."""
	from property_service.deadline_sweep import HOURLY, sweep

	complaint = make_complaint(base, received_on=add_to_date(now_datetime(), hours=-30), **values)
	sweep(HOURLY)
	complaint.reload()
	assert complaint.deadline_breached and complaint.escalation_level == "Supervisor"
	assert len(complaint.escalations) == 1
	frappe.db.commit()
	return complaint
