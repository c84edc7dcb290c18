"""The demo estate's opinion surveys as SV-9 and SV-10 have them: owners and tenants answered (a rented
household's form is the tenant's, as the demo loader enters it), and the latest analysed survey was
discussed at the office director's meeting, which ranked the dissatisfied items (the Pareto analysis the
survey form and the Survey Pareto report show) and decided a preventive action beside the corrective
ones. Made by the staff whose step it is, then dated back. Loading twice adds nothing."""

from contextlib import contextmanager
from datetime import datetime, time

import frappe
from frappe.utils import add_days, get_fullname, getdate, today

ANALYSED = ("Analysed", "Results Published")
# what the meeting decided to keep the worst item from coming back, by aspect
PREVENTIVE = {
	"Greening": "制定绿化养护月度计划，草坪修剪纳入巡检表，每周检查一次。",
	"Cleaning": "楼道保洁纳入巡检表，保洁主管每日抽查并记录。",
	"Maintenance Service": "公共设施建立维保台账，按季度预防性检修。",
	"Public Facilities": "公共设施建立维保台账，按季度预防性检修。",
}
GENERIC_PREVENTIVE = "将{0}纳入月度巡检，问题在住户反映前发现并处理。"


def load(estate: str):
	"""Called by the demo loader once the surveys are in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.surveys.load --args "['翠湖花园']"`)."""
	from property_service.demo_estate import STAFF, demo_staff

	demo_staff()
	name = frappe.db.get_value(
		"Opinion Survey",
		{"estate": estate, "status": ("in", ANALYSED)},
		"name",
		order_by="collection_start desc",
	)
	if not name:
		return
	survey = frappe.get_doc("Opinion Survey", name)
	ranked = survey.pareto_analysis()
	if not ranked:
		return
	supervisor = STAFF["Customer Service Supervisor"]
	director = frappe.db.get_value("Estate", estate, "office_director") or STAFF.get("Office Director")
	held_on = min(add_days(getdate(survey.analysed_on), 3), getdate(today()))
	if not survey.meeting_held_on:
		worst = "、".join(row["aspect_label"] for row in ranked[:2])
		with acting(supervisor):
			survey.reload()
			survey.update(
				{
					"meeting_held_on": held_on,
					"meeting_chaired_by": director,
					"meeting_attendees": "、".join(
						get_fullname(user)
						for user in dict.fromkeys([director, supervisor, *staff_of(survey)])
					),
					"meeting_minutes": (
						f"不满意项目排列图显示，{worst}占不满意评价的大部分（累计 "
						f"{ranked[min(1, len(ranked) - 1)]['cumulative']}%），为本次整改重点。"
						"各项目责任班组按纠正措施限期整改；同时制定预防措施，防止同类问题再次发生。"
					),
				}
			)
			survey.save()
	if not frappe.db.exists("Survey Corrective Action", {"survey": survey.name, "action_type": "Preventive"}):
		worst = ranked[0]["aspect"]
		team = frappe.db.get_value(
			"Survey Corrective Action", {"survey": survey.name, "aspect": worst}, "service_team"
		) or frappe.db.get_value("Service Team", {"estate": estate})
		with acting(supervisor):
			action = frappe.get_doc(
				{
					"doctype": "Survey Corrective Action",
					"survey": survey.name,
					"action_type": "Preventive",
					"aspect": worst,
					"problem": PREVENTIVE.get(worst) or GENERIC_PREVENTIVE.format(ranked[0]["aspect_label"]),
					"service_team": team,
					"due_on": add_days(held_on, 60),
				}
			).insert()
		when = datetime.combine(held_on, time(16))
		frappe.db.set_value(
			"Survey Corrective Action",
			action.name,
			{"creation": when, "modified": when},
			update_modified=False,
		)
	print(f"opinion survey {survey.name}: the survey meeting and its preventive action")


def staff_of(survey) -> list[str]:
	return [row.user for row in survey.staff]


@contextmanager
def acting(user: str):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")
