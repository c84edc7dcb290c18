"""The demo estate's complaints as IN-8 … IN-11 and HN-5 have them: each valid complaint of the history
verified, investigated and decided before it was resolved, with its written final answer dated; and four
recent complaints, one in each new step (investigated, decided with two teams' notices, answered with
the complainant's written opinion, an urgent one answered within its working days). Made through the
forms and workflows by the staff whose step it is, then dated back. Loading twice adds nothing."""

from datetime import datetime, timedelta

import frappe
from frappe.utils import get_datetime, now_datetime

MAINTENANCE, CLEANING = "工程维修部", "保洁部"

# the steps of a valid complaint of the history, in the staff's words
HISTORY_STEPS = {
	"identity_verified": 1,
	"facts_verified": "Confirmed",
	"verification_notes": "电话回访核实住户身份及房号，客服助理现场查看，情况属实。",
	"facts_found": "经部门负责人现场调查，住户反映的问题属实，系日常维护不到位所致。",
	"cause_analysis": "巡检频次不足，问题未能及时发现；班组交接未记录跟进事项。",
	"decision": "由责任部门当日完成维修，向住户致歉；巡检表增加该项检查。",
	"decision_participants": "客服主管、责任部门负责人",
	"written_answer": "尊敬的业主：您反映的问题经调查属实，我处已安排责任部门完成维修，并就给您带来的不便深表歉意。",
}

# the four recent complaints: (source document no., what happened, how far it goes)
RECENT = (
	{
		"source_document_no": "TEL-INV-01",
		"summary": "地下车库照明多处不亮",
		"description": "B2 层车库东侧照明约十盏不亮，晚上取车看不清，存在安全隐患。",
		"team": MAINTENANCE,
		"target": "Investigated",
		"days_ago": 2,
	},
	{
		"source_document_no": "LTR-INV-02",
		"summary": "楼道清洁不到位且垃圾外溢",
		"description": "近两周 5 栋二单元楼道未按时清扫，垃圾桶满溢，雨后积水返味。",
		"team": CLEANING,
		"second_team": MAINTENANCE,
		"target": "Decided",
		"days_ago": 4,
	},
	{
		"source_document_no": "WLK-INV-03",
		"summary": "门禁卡重复收费",
		"description": "补办门禁卡时被收取两次工本费，前台未给收据。",
		"team": "客服中心",
		"target": "Opinion",
		"days_ago": 12,
	},
	{
		"source_document_no": "TEL-INV-04",
		"summary": "电梯异响且多次停运（紧急）",
		"description": "3 栋 1 号电梯运行时异响，本周已停运两次，家中有行动不便的老人。",
		"team": MAINTENANCE,
		"target": "Urgent Answered",
		"days_ago": 1,
		"is_urgent": 1,
	},
)


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.investigations.load --args "['翠湖花园']"`)."""

	from property_service.demo_estate import STAFF, demo_staff, speaking

	demo_staff()
	staff = frappe._dict(
		assistant=STAFF["Customer Service Assistant"],
		supervisor=STAFF["Customer Service Supervisor"],
		manager=STAFF["Property Manager"],
	)
	with speaking("zh"):
		for plan in RECENT:
			load_recent(estate, plan, staff)
	frappe.db.commit()
	print(
		"complaints investigated: {}, decided: {}, with the complainant's written opinion: {}".format(
			*(
				frappe.db.count("Complaint Register", {"estate": estate, field: ("is", "set")})
				for field in ("investigated_on", "decision_agreed_on", "complainant_opinion_on")
			)
		)
	)


# the history's complaints (demo_estate.walk_complaint) -----------------------------------------------


def date_final_answer_due(complaint):
	"""IN-11: the deadline from the acceptance the history dated back."""
	complaint = frappe.get_doc(complaint.doctype, complaint.name)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		"final_answer_due",
		complaint.compute_final_answer_due(),
		update_modified=False,
	)


def take_steps(complaint, start: datetime, assistant: str):
	"""A valid complaint of the history: verified, investigated and decided before it is resolved, then
	dated as they happened: all the day it came in, before the team finished its notice."""
	from property_service.demo_estate import STAFF, update

	complaint = frappe.get_doc(complaint.doctype, complaint.name)
	if complaint.validity != "Valid" or complaint.decision_agreed_on:
		return complaint
	complaint = update(
		complaint,
		assistant,
		**HISTORY_STEPS,
		decision_agreed_by=STAFF["Customer Service Supervisor"],
	)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		{
			"verified_on": start + timedelta(hours=1),
			"investigated_on": start + timedelta(hours=5),
			"decision_agreed_on": start + timedelta(hours=7),
		},
		update_modified=False,
	)
	return complaint


def date_final_answer(complaint_name: str, answered: datetime):
	"""The written answer went out when the complaint was first resolved (a second round keeps it)."""
	stored = frappe.db.get_value("Complaint Register", complaint_name, "final_answered_on")
	answered = min(get_datetime(stored), answered) if stored else answered
	frappe.db.set_value(
		"Complaint Register", complaint_name, "final_answered_on", answered, update_modified=False
	)


# the recent complaints, one in each new step -------------------------------------------------------


def load_recent(estate: str, plan: dict, staff):
	from property_service.demo_estate import act, complete_visit, update

	if frappe.db.exists(
		"Complaint Register", {"estate": estate, "source_document_no": plan["source_document_no"]}
	):
		return
	resident = pick_resident(estate, plan["source_document_no"])
	received = now_datetime().replace(second=0, microsecond=0) - timedelta(days=plan["days_ago"], hours=2)
	frappe.set_user(staff.assistant)
	try:
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint Register",
				"received_on": received,
				"channel": "Telephone" if plan["source_document_no"].startswith("TEL") else "Walk-in",
				"source_document_no": plan["source_document_no"],
				"resident": resident.name,
				"summary": plan["summary"],
				"description": plan["description"],
				"service_team": plan["team"],
				"classification": "General",
				"validity": "Valid",
				"is_urgent": plan.get("is_urgent", 0),
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	complaint = act(complaint, "Accept", staff.assistant)
	accepted = received + timedelta(hours=1)
	dated = {"accepted_on": accepted, "creation": received, "modified": received}
	frappe.db.set_value(complaint.doctype, complaint.name, dated, update_modified=False)
	date_final_answer_due(complaint)
	complaint = update(
		complaint,
		staff.assistant,
		identity_verified=1,
		facts_verified="Unclear" if plan["target"] == "Investigated" else "Confirmed",
		verification_notes="核对住户登记信息及来电号码；客服助理到现场查看。",
		expert_opinion_sought=1 if plan["target"] == "Investigated" else 0,
		expert_name="市建筑电气检测站 工程师 杜明" if plan["target"] == "Investigated" else None,
		expert_opinion=(
			"线路老化与灯具损坏并存，建议分区更换线路并改用 LED 灯具。"
			if plan["target"] == "Investigated"
			else None
		),
	)
	frappe.db.set_value(
		complaint.doctype, complaint.name, "verified_on", accepted + timedelta(hours=1), update_modified=False
	)
	notices = [issue(complaint, plan["team"], staff.assistant, accepted + timedelta(hours=2))]
	if plan.get("second_team"):
		notices.append(issue(complaint, plan["second_team"], staff.assistant, accepted + timedelta(hours=3)))
	head = frappe.db.get_value("Service Team", plan["team"], "head")
	investigation = {
		"investigated_by": head,
		"facts_found": INVESTIGATIONS[plan["target"]][0],
		"cause_analysis": INVESTIGATIONS[plan["target"]][1],
	}
	if plan["target"] == "Decided":
		# the department could not handle it alone: the office formed a team
		investigation.update(
			investigated_by=staff.supervisor,
			investigated_by_office=1,
			investigation_team=[
				{"member": staff.supervisor, "part": "组长，组织调查"},
				{"member": frappe.db.get_value("Service Team", CLEANING, "head"), "part": "保洁作业记录核查"},
				{"member": frappe.db.get_value("Service Team", MAINTENANCE, "head"), "part": "排水设施检查"},
			],
		)
	complaint = update(complaint, staff.assistant, **investigation)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		"investigated_on",
		accepted + timedelta(hours=4 if plan.get("is_urgent") else 20),
		update_modified=False,
	)
	# the complainant was told the remedial measures the day the notices went out (HN-3)
	frappe.db.set_value(
		complaint.doctype, complaint.name, "replied_on", accepted + timedelta(hours=5), update_modified=False
	)
	if plan["target"] == "Investigated":
		confirm(notices[0], head)
		return
	complaint = update(
		complaint,
		staff.assistant,
		decision=DECISIONS[plan["target"]],
		decision_agreed_by=staff.manager if plan["target"] == "Decided" else staff.supervisor,
		decision_participants="客服主管、责任部门负责人",
		written_answer=ANSWERS[plan["target"]],
	)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		"decision_agreed_on",
		accepted + timedelta(hours=26 if not plan.get("is_urgent") else 6),
		update_modified=False,
	)
	if plan["target"] == "Decided":
		# HN-5: the cleaning team has done its part; the maintenance team confirmed and is still at work
		finish(notices[0], accepted + timedelta(hours=20))
		confirm(notices[1], frappe.db.get_value("Service Team", MAINTENANCE, "head"))
		return
	signed_off = finish(notices[0], accepted + timedelta(hours=18 if plan.get("is_urgent") else 30))
	complaint = frappe.get_doc(complaint.doctype, complaint.name)
	complaint = act(complaint, "Resolve", staff.assistant)
	if plan["target"] == "Urgent Answered":
		return  # answered and resolved just now, within its working days; the visit is today's
	answered = signed_off + timedelta(hours=3)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		{"resolved_on": answered, "final_answered_on": answered},
		update_modified=False,
	)
	visit_name = frappe.db.get_value("Return Visit", {"reference_name": complaint.name, "status": "To Visit"})
	complaint = update(
		complaint,
		staff.assistant,
		complainant_opinion="已收到书面答复，多收的工本费已退回，对处理结果表示认可。——业主签字确认",
	)
	frappe.db.set_value(
		complaint.doctype,
		complaint.name,
		"complainant_opinion_on",
		answered + timedelta(days=1),
		update_modified=False,
	)
	frappe.db.set_value(
		"Return Visit", visit_name, {"due_on": answered, "creation": answered}, update_modified=False
	)
	complete_visit(visit_name, "Satisfied", answered + timedelta(hours=1))


INVESTIGATIONS = {
	"Investigated": (
		"工程维修部负责人到现场检查：B2 层东侧 11 盏灯不亮，其中 4 盏灯具损坏，其余为一段线路老化断路。",
		"车库照明线路使用已超八年，未列入年度更换计划；夜班巡检只记录不报修。",
	),
	"Decided": (
		"调查组查阅保洁作业记录及监控：两周内该单元有 6 天未清扫，垃圾清运晚于规定时间；楼道地漏堵塞致积水。",
		"保洁人员请假后未安排顶岗；地漏堵塞长期未报修，保洁与工程维修部之间无交接。",
	),
	"Opinion": (
		"核对收费记录：住户补办门禁卡时系统重复生成两笔工本费，前台未核对即收取。",
		"收费系统补卡流程缺陷，前台未按规定当场开具收据。",
	),
	"Urgent Answered": (
		"维修负责人会同电梯维保单位检查：曳引机轴承磨损导致异响，安全回路触点松动致两次停运。",
		"维保单位月度保养未检查轴承磨损；异响报修后未及时安排专项检查。",
	),
}
DECISIONS = {
	"Decided": "保洁部当日补扫并恢复每日清扫、垃圾日产日清；工程维修部三日内疏通地漏并检查同类地漏。向住户书面致歉。",
	"Opinion": "退还多收的工本费 20 元并补开收据；修复收费系统补卡流程；前台收费当场开具收据。",
	"Urgent Answered": "电梯立即停用检修，更换曳引机轴承并紧固安全回路触点；检修期间安排人员协助老人上下楼；维保单位整改。",
}
ANSWERS = {
	"Decided": "尊敬的业主：经调查组调查，您反映的楼道清洁问题属实，系保洁人员请假未顶岗及地漏堵塞所致。我处已决定：保洁部恢复每日清扫，工程维修部三日内疏通地漏。",
	"Opinion": "尊敬的业主：经核查，您补办门禁卡时被重复收取工本费属实，多收的 20 元已退还并补开收据，我处已修复收费流程。对此给您带来的不便深表歉意。",
	"Urgent Answered": "尊敬的业主：您反映的 3 栋 1 号电梯问题已查明，系轴承磨损及安全回路触点松动所致，已更换部件并经检验合格恢复运行。",
}


def issue(complaint, team: str, assistant: str, issued: datetime):
	frappe.set_user(assistant)
	try:
		notice = frappe.get_doc(
			{
				"doctype": "Handling Notice",
				"complaint": complaint.name,
				"service_team": team,
				"due_on": now_datetime() + timedelta(days=2),
				"instructions": "请确认收到，并于期限内完成补救并制定纠正措施。",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	due = max(issued + timedelta(days=3), now_datetime() + timedelta(days=1))
	frappe.db.set_value(
		"Handling Notice",
		notice.name,
		{"issued_on": issued, "due_on": due, "creation": issued, "modified": issued},
		update_modified=False,
	)
	return frappe.get_doc("Handling Notice", notice.name)


def finish(notice, completed: datetime) -> datetime:
	"""The team confirms, reports its measures and result, and its head signs off, dated as it happened."""
	from property_service.demo_estate import act, update

	notice = update(
		notice,
		notice.team_head,
		remedial_measures="当日上门处理，向住户致歉。",
		corrective_measures="列入每月巡检清单，同类问题提前排查。",
		result="已处理完毕，住户确认问题解决。",
	)
	notice = act(notice, "Report Result", notice.team_head)
	act(notice, "Sign Off", notice.team_head)
	signed_off = completed + timedelta(hours=1)
	frappe.db.set_value(
		"Handling Notice",
		notice.name,
		{
			"confirmed_on": get_datetime(notice.issued_on) + timedelta(minutes=40),
			"completed_on": completed,
			"signed_off_on": signed_off,
		},
		update_modified=False,
	)
	return signed_off


def confirm(notice, member: str):
	"""HN-5: the team confirms it has the notice."""
	frappe.set_user(member)
	try:
		frappe.get_doc("Handling Notice", notice.name).confirm_receipt()
	finally:
		frappe.set_user("Administrator")
	frappe.db.set_value(
		"Handling Notice",
		notice.name,
		"confirmed_on",
		get_datetime(notice.issued_on) + timedelta(minutes=40),
		update_modified=False,
	)


def pick_resident(estate: str, key: str):
	"""A household without a portal account (those two are the README's tour), the same on every load."""
	residents = frappe.get_all(
		"Resident",
		filters={"estate": estate, "user": ("is", "not set")},
		fields=["name"],
		order_by="name",
		limit=40,
	)
	return residents[sum(map(ord, key)) % len(residents)]
