"""The demo estate's checks of complaint handling by the company's manager (RC-5), in their states: the
check of the month before last submitted with its one action done, last month's submitted with its
action under way, and a check of the quarter before them drawn and being checked. Made through the
app's own methods by the general manager, the action completed by the supervisor it was given to, then
dated back. Loading twice adds nothing."""

from datetime import date

import frappe
from frappe.utils import add_days, add_months, get_first_day, get_last_day, getdate, now_datetime, today

from property_service.demo_records.keeping_in_touch import acting, at, dated
from property_service.property_service.doctype.complaint_handling_check.complaint_handling_check import (
	closed_complaints,
)

# what the manager found in a complaint handled properly, and in the one that was not
GOOD = (
	"登记完整，当日受理，回访及时，住户满意。",
	"处理结果已由责任部门负责人签认，记录齐全。",
	"答复内容清楚，已告知申诉途径。",
)
SHORTFALL = {
	"finding": "回访记录未写明住户的具体意见，只写了“满意”。",
	"measure": "补记该次回访的住户意见，并在周例会上培训前台如何记录回访意见。",
	"measures_taken": "已电话联系住户补记意见；周例会上已培训全体客服助理。",
}
CONCLUSION = (
	"本期抽查的投诉均在时限内处理完毕，住户满意；回访记录的填写还需加强，已安排整改。",
	"本期投诉处理总体良好；个别回访记录不完整，整改进行中。",
	"抽查进行中。",
)


def load(estate: str):
	"""Called by the demo loader once the history is in; also on its own, on a site loaded before
	(`bench --site SITE execute property_service.demo_records.handling_checks.load --args "['翠湖花园']"`)."""
	from property_service.demo_estate import STAFF, demo_staff, speaking

	demo_staff()
	manager = STAFF.get("General Manager")
	supervisor = frappe.db.get_value("Estate", estate, "service_supervisor")
	if not (manager and supervisor) or frappe.db.exists("Complaint Handling Check", {"estate": estate}):
		return
	first_of_month = getdate(get_first_day(today()))
	made = 0
	with speaking("zh"):  # the titles the app writes, in the office's language (also when run on its own)
		# (months back to the first month, months checked, the state the check is left in)
		for months_back, months, state in (
			(2, 1, "Completed"),
			(1, 1, "Actions Under Way"),
			(5, 3, "Checking"),
		):
			start = getdate(add_months(first_of_month, -months_back))
			end = min(getdate(get_last_day(add_months(start, months - 1))), getdate(today()))
			if check_month(estate, start, end, state, manager, supervisor):
				made += 1
	print(f"complaint handling checks: {made}")


def check_month(estate, start: date, end: date, state: str, manager: str, supervisor: str) -> bool:
	"""The manager's check of the complaints closed from `start` to `end`, left in `state`."""
	if not closed_complaints(estate, start, end)[0]:
		return False
	checked_on = min(add_days(end, 5), getdate(today()))
	with acting(manager):
		check = frappe.get_doc(
			{
				"doctype": "Complaint Handling Check",
				"estate": estate,
				"period_from": start,
				"period_to": end,
				"checked_by": manager,
				"checked_on": checked_on,
			}
		).insert()
		check.draw_sample()
		if state != "Checking":
			judge(check, supervisor, checked_on, state)
			check.conclusion = CONCLUSION[0 if state == "Completed" else 1]
			check.save()
			check.submit()
		else:
			for row, text in zip(check.findings[:1], GOOD, strict=False):
				row.result, row.finding = "Handled Properly", text
			check.conclusion = CONCLUSION[2]
			check.save()
	dated("Complaint Handling Check", check.name, min(at(checked_on, 10), now_datetime()))
	if state == "Completed":
		complete_actions(check, supervisor, checked_on)
	return True


def judge(check, supervisor: str, checked_on: date, state: str):
	"""Every complaint handled properly but the last, whose visit record falls short: an action for the
	supervisor, due by the settings' days (already done by the load for the older check)."""
	for number, row in enumerate(check.findings):
		if number == len(check.findings) - 1:
			row.update(
				{
					"result": "Shortfall Found",
					"finding": SHORTFALL["finding"],
					"needs_action": 1,
					"measure": SHORTFALL["measure"],
					"responsible_user": supervisor,
					"due_on": add_days(checked_on, 7) if state == "Completed" else add_days(today(), 5),
				}
			)
		else:
			row.update({"result": "Handled Properly", "finding": GOOD[number % len(GOOD)]})


def complete_actions(check, supervisor: str, checked_on: date):
	for name in frappe.get_all("Handling Check Action", filters={"handling_check": check.name}, pluck="name"):
		dated("Handling Check Action", name, at(checked_on, 10))
		with acting(supervisor):
			frappe.get_doc("Handling Check Action", name).complete(SHORTFALL["measures_taken"])
		done = at(add_days(checked_on, 4), 16)
		dated("Handling Check Action", name, at(checked_on, 10), modified=done, completed_on=done)
