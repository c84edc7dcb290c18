"""The demo estate's compensation agreements (IN-12), appeals against reports (IN-13) and hand-overs to
the archive (IN-14): a few of each, in each of their states, made through their workflows by the staff
whose step it is, then dated back. Loading twice adds nothing."""

from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_days, get_datetime, getdate, now_datetime

QUALITY_LEAD = "huang.qiang@demo.property-service.local"  # head of the maintenance team
INSPECTORS = ("he.jun@demo.property-service.local", "ma.gang@demo.property-service.local")
ARCHIVIST = "公司档案室 钱丽"

# the agreement's amount decides who approves it (Property Service Settings: 1,000 and 10,000 by default)
AGREEMENTS = (
	{
		"target": "Paid",
		"amount": 680,
		"loss_description": "楼上管道渗漏，泡坏卧室木地板约 3 平方米。",
		"basis": "地板维修商报价单（680 元），现场照片 4 张，经双方确认。",
		"payment_method": "Cash",
		"payment_reference": "收据 SJ-0317",
	},
	{
		"target": "Approved",
		"amount": 3200,
		"loss_description": "电梯停运期间住户老人就医另雇车辆及护理费用。",
		"basis": "出租车发票 6 张、护理费收据，按实际支出协商确定 3,200 元。",
	},
	{
		"target": "Awaiting Approval",
		"amount": 12800,
		"loss_description": "外墙渗水导致室内墙面发霉、衣柜及衣物损坏。",
		"basis": "第三方评估报告、家具购买发票；住户要求 15,000 元，协商后 12,800 元。",
	},
	{
		"target": "Drafted",
		"amount": 450,
		"loss_description": "保洁作业时污水溅污住户门前地毯。",
		"basis": "地毯清洗费用收据 450 元。",
	},
)


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.complaint_records.load --args "['翠湖花园']"`)."""

	from property_service.demo_estate import STAFF, demo_staff, speaking

	demo_staff()
	staff = frappe._dict(
		assistant=STAFF["Customer Service Assistant"],
		supervisor=STAFF["Customer Service Supervisor"],
		manager=STAFF["Property Manager"],
		director=STAFF["Office Director"],
	)
	with speaking("zh"):  # what the app writes for the staff (a file's documents, a comment) in theirs
		load_agreements(estate, staff)
		load_appeals(estate, staff)
		load_archive_transfers(estate, staff)
	frappe.db.commit()
	print(
		"compensation agreements: {}, report appeals: {}, archive transfers: {}".format(
			*(
				frappe.db.count(doctype, filters)
				for doctype, filters in (
					("Compensation Agreement", {}),
					("Report Appeal", {"estate": estate}),
					("Archive Transfer", {"estate": estate}),
				)
			)
		)
	)


def act(doc, action, user):
	from property_service.demo_estate import act as demo_act

	return demo_act(doc, action, user)


def update(doc, user, **values):
	from property_service.demo_estate import update as demo_update

	return demo_update(doc, user, **values)


def new(values: dict, user: str):
	frappe.set_user(user)
	try:
		return frappe.get_doc(values).insert()
	finally:
		frappe.set_user("Administrator")


def backdate(doctype: str, name: str, when: datetime, **values):
	frappe.db.set_value(doctype, name, {"creation": when, "modified": when, **values}, update_modified=False)


# IN-12 -----------------------------------------------------------------------------------------


def load_agreements(estate: str, staff):
	valid = frappe.get_all(
		"Complaint Register",
		filters={"estate": estate, "validity": "Valid"},
		fields=["name", "complainant_name", "received_on", "resolved_on"],
		order_by="received_on",
	)
	if not valid or frappe.db.exists(
		"Compensation Agreement", {"complaint": ("in", [c.name for c in valid])}
	):
		return
	approver = {
		"Customer Service Supervisor": staff.supervisor,
		"Property Manager": staff.manager,
		"Office Director": staff.director,
	}
	for number, plan in enumerate(AGREEMENTS):
		complaint = valid[number % len(valid)]
		agreed = getdate(complaint.resolved_on or complaint.received_on)
		agreed = min(add_days(agreed, 2), getdate())
		agreement = new(
			{
				"doctype": "Compensation Agreement",
				"complaint": complaint.name,
				"amount": plan["amount"],
				"loss_description": plan["loss_description"],
				"basis": plan["basis"],
				"negotiated_with": complaint.complainant_name,
				"agreed_on": agreed,
			},
			staff.assistant,
		)
		at = min(datetime.combine(agreed, time(10, 30)), now_datetime())
		dates = {}
		if plan["target"] != "Drafted":
			agreement = act(agreement, "Send for Approval", staff.assistant)
			dates["sent_for_approval_on"] = min(at + timedelta(hours=1), now_datetime())
		if plan["target"] in ("Approved", "Paid"):
			level = approver[agreement.approver_role]
			agreement = update(agreement, level, approval_note="同意按协商金额赔偿。")
			agreement = act(agreement, "Approve Compensation", level)
			dates["approved_on"] = min(at + timedelta(days=1), now_datetime())
		if plan["target"] == "Paid":
			agreement = update(
				agreement,
				staff.assistant,
				paid_on=getdate(),
				payment_method=plan["payment_method"],
				payment_reference=plan["payment_reference"],
			)
			agreement = act(agreement, "Record Payment", staff.assistant)
			dates["paid_on"] = min(add_days(agreed, 3), getdate())
		backdate("Compensation Agreement", agreement.name, at, **dates)


# IN-13 -----------------------------------------------------------------------------------------


def load_appeals(estate: str, staff):
	if frappe.db.exists("Report Appeal", {"estate": estate}):
		return
	now = now_datetime().replace(second=0, microsecond=0)
	resident = frappe.get_all(
		"Resident",
		filters={"estate": estate, "user": ("is", "not set")},
		fields=["name", "full_name", "phone"],
		order_by="name",
		limit=4,
	)
	people = resident * 4

	def appeal(number, report_type, reference, accepted, **values):
		person = people[number]
		return new(
			{
				"doctype": "Report Appeal",
				"estate": estate,
				"resident": person.name,
				"appellant_name": person.full_name,
				"contact_phone": person.phone,
				"report_type": report_type,
				"report_reference": reference,
				"report_issued_on": getdate(accepted - timedelta(days=6)),
				"report_received_on": getdate(accepted - timedelta(days=4)),
				"lodged_on": getdate(accepted),
				"accepted_on": accepted,
				"quality_lead": QUALITY_LEAD,
				**values,
			},
			staff.assistant,
		)

	# answered: the report upheld after the original records were reviewed
	accepted = now - timedelta(days=58, hours=3)
	upheld = appeal(
		0,
		"Water Quality Test",
		"SZ-2026-0415",
		accepted,
		grounds="住户认为二次供水余氯偏高，与自购试纸检测结果不符，要求复核。",
	)
	upheld = act(upheld, "Start Review", staff.assistant)
	upheld = update(
		upheld,
		QUALITY_LEAD,
		review_findings="查阅原始记录、仪器校准证书及采样记录，检测过程符合规范，余氯 0.4 mg/L 在标准范围内。",
		outcome="Upheld",
		result_text="经复核，原检测报告 SZ-2026-0415 结果正确，维持原报告。自购试纸精度不足以判定超标。",
	)
	upheld = act(upheld, "Send Written Result", staff.supervisor)
	backdate(
		"Report Appeal", upheld.name, accepted, answered_on=accepted + timedelta(days=9), answered_late=0
	)

	# answered: re-inspected from the coded original sample by two people, voided and reissued
	accepted = now - timedelta(days=27, hours=5)
	voided = appeal(
		1,
		"Indoor Air Test",
		"KQ-2026-0932",
		accepted,
		grounds="交房前室内空气检测报告甲醛 0.12 mg/m³，住户认为采样时门窗未按规定密闭，要求复检。",
	)
	voided = act(voided, "Start Review", staff.assistant)
	voided = update(
		voided,
		QUALITY_LEAD,
		review_findings="原始记录显示采样前密闭时间仅 6 小时，不足 12 小时，报告结论需复检确认。",
		reinspection_needed=1,
		original_sample="KQ-0932 留样（甲醛吸收液）",
		sample_code="M-7Q2",
		inspector_1=INSPECTORS[0],
		inspector_2=INSPECTORS[1],
		reinspected_on=getdate(accepted + timedelta(days=5)),
		reinspection_result="原样复检甲醛 0.07 mg/m³，符合 GB/T 18883 标准。",
		outcome="Voided and Reissued",
		authorised_by=staff.manager,
		corrected_report_reference="KQ-2026-0932(g)",
		result_text="原报告 KQ-2026-0932 因采样条件不符作废，已出具更正报告 KQ-2026-0932(g)，结论为合格。",
	)
	voided = act(voided, "Send Written Result", staff.supervisor)
	backdate(
		"Report Appeal", voided.name, accepted, answered_on=accepted + timedelta(days=12), answered_late=0
	)

	# under review: an urgent appeal, three working days for the written result
	under_review = appeal(
		2,
		"House Inspection",
		"FY-2026-0618",
		now - timedelta(hours=20),
		is_urgent=1,
		grounds="分户查验报告记载卫生间防水合格，但交房后一周楼下即出现渗漏，要求重新查验。",
	)
	under_review = act(under_review, "Start Review", staff.assistant)
	update(
		under_review,
		QUALITY_LEAD,
		review_findings="已调取查验记录及闭水试验照片，安排两名人员现场复验。",
	)
	backdate("Report Appeal", under_review.name, now - timedelta(hours=20))

	# just lodged
	lodged = appeal(
		3,
		"Other Measurement",
		"CL-2026-0207",
		now - timedelta(hours=2),
		grounds="住户对车位面积测量报告有异议，认为实测宽度少于合同约定。",
	)
	backdate("Report Appeal", lodged.name, now - timedelta(hours=2))


# IN-14 -----------------------------------------------------------------------------------------


def load_archive_transfers(estate: str, staff):
	if frappe.db.exists("Archive Transfer", {"estate": estate}):
		return
	closed = frappe.get_all(
		"Complaint Register",
		filters={"estate": estate, "status": "Closed", "archived_in": ("is", "not set")},
		fields=["name", "resolved_on"],
		order_by="received_on",
	)
	if not closed:
		return
	today = getdate()
	handed_over = add_days(today, -35)
	older = [c.name for c in closed if c.resolved_on and getdate(c.resolved_on) < add_days(handed_over, -30)]
	newer = [c.name for c in closed if c.resolved_on and getdate(c.resolved_on) < add_days(today, -14)]
	newer = [name for name in newer if name not in older][:12]
	if older:
		transfer = new(
			{
				"doctype": "Archive Transfer",
				"estate": estate,
				"transferred_on": handed_over,
				"handed_over_by": staff.assistant,
				"archivist": ARCHIVIST,
				"archive_location": "档案柜 B-2，第 3 盒",
				"complaints": [{"complaint": name} for name in older],
				"notes": "本批为上半年已关闭投诉，案卷齐全。",
			},
			staff.assistant,
		)
		frappe.set_user(staff.assistant)
		try:
			transfer.submit()
		finally:
			frappe.set_user("Administrator")
		backdate("Archive Transfer", transfer.name, get_datetime(f"{handed_over} 15:00:00"))
	if newer:
		draft = new(
			{
				"doctype": "Archive Transfer",
				"estate": estate,
				"handed_over_by": staff.assistant,
				"archivist": ARCHIVIST,
				"complaints": [{"complaint": name} for name in newer],
				"notes": "待主管核对案卷后移交。",
			},
			staff.assistant,
		)
		backdate("Archive Transfer", draft.name, now_datetime())
