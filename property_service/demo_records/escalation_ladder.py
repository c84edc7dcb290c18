"""The demo company's escalation ladder (ES-5), as it set it up in Property Service Settings: seed 000's
order (front desk → supervisor → property manager → office director), each level by the name the
company uses for it, major complaints to the property manager and important ones to the office director
(IN-5, seed 003); and an important complaint registered the day before the load, gone straight to the
director, who has it on his to-do list. Loading twice adds nothing."""

from datetime import timedelta

import frappe
from frappe.utils import now_datetime

# what the company calls each level, bottom to top
LEVEL_NAMES = {
	"Assistant": "客服中心前台",
	"Supervisor": "客服主管",
	"Manager": "物业经理",
	"Director": "管理处主任",
}
IMPORTANT = {
	"source_document_no": "TEL-IMP-01",
	"summary": "保安夜间巡逻缺岗，单元门长时间未关",
	"description": "连续三晚 23 点后 7 栋单元门敞开无人值守，巡逻岗亭无人，住户担心安全，要求说明原因并整改。",
	"service_team": "秩序维护部",
}


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.escalation_ladder.load --args "['翠湖花园']"`)."""

	from property_service.demo_estate import STAFF, demo_staff, speaking

	demo_staff()
	set_up_ladder()
	with speaking("zh"):  # the reason and the to-do the app writes, in the staff's language
		register_important_complaint(estate, STAFF["Customer Service Assistant"])
	frappe.db.commit()
	print(
		"escalation ladder: {}; important complaints with the office director: {}".format(
			" → ".join(LEVEL_NAMES.values()),
			frappe.db.count(
				"Complaint Register",
				{"estate": estate, "classification": "Important", "escalation_level": "Director"},
			),
		)
	)


def set_up_ladder():
	settings = frappe.get_single("Property Service Settings")
	settings.set(
		"escalation_ladder", [{"level": level, "level_name": name} for level, name in LEVEL_NAMES.items()]
	)
	settings.major_complaint_level = "Manager"
	settings.important_complaint_level = "Director"
	settings.save(ignore_permissions=True)


def register_important_complaint(estate: str, assistant: str):
	"""A fault in the company's own service (IN-5: important), registered by the front desk the evening
	before: it goes straight to the office director, with the reason and his to-do, and is accepted."""
	from property_service.demo_estate import act
	from property_service.demo_records.investigations import date_final_answer_due, pick_resident

	if frappe.db.exists(
		"Complaint Register", {"estate": estate, "source_document_no": IMPORTANT["source_document_no"]}
	):
		return
	received = now_datetime().replace(second=0, microsecond=0) - timedelta(hours=16)
	team = IMPORTANT["service_team"] if frappe.db.exists("Service Team", IMPORTANT["service_team"]) else None
	frappe.set_user(assistant)
	try:
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint Register",
				"received_on": received,
				"channel": "Telephone",
				"source_document_no": IMPORTANT["source_document_no"],
				"resident": pick_resident(estate, IMPORTANT["source_document_no"]).name,
				"summary": IMPORTANT["summary"],
				"description": IMPORTANT["description"],
				"service_team": team,
				"classification": "Important",
				"validity": "Valid",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	complaint = act(complaint, "Accept", assistant)
	escalated, accepted = received + timedelta(minutes=10), received + timedelta(minutes=25)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		{"accepted_on": accepted, "creation": received, "modified": accepted},
		update_modified=False,
	)
	frappe.db.set_value(
		"Complaint Escalation", {"parent": complaint.name}, "escalated_on", escalated, update_modified=False
	)
	for todo in frappe.get_all("ToDo", filters={"reference_name": complaint.name}, pluck="name"):
		frappe.db.set_value(
			"ToDo", todo, {"creation": escalated, "date": escalated.date()}, update_modified=False
		)
	date_final_answer_due(complaint)
	date_the_history(complaint.name, accepted)


def date_the_history(name: str, when):
	"""The complaint's timeline (its versions and comments) dated when its steps happened, not the load."""
	for doctype, doctype_field, name_field in (
		("Version", "ref_doctype", "docname"),
		("Comment", "reference_doctype", "reference_name"),
	):
		table = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(table)
			.set(table.creation, when)
			.set(table.modified, when)
			.where(table[doctype_field] == "Complaint Register")
			.where(table[name_field] == name)
			.where(table.creation > when)
			.run()
		)
