"""The demo estate loads through the real workflows, in every state, and loads only once."""

import json

import frappe

from property_service import demo_estate
from property_service.property_service.doctype.visit_sample.visit_sample import sampling_rule
from property_service.rules.sampling import sample_size


def slice_of_the_demo(tmp_path):
	"""The estate with one complaint and one work order of each state the demo holds, and their residents."""
	data = {
		path.stem: json.loads(path.read_text(encoding="utf-8")) for path in demo_estate.DATA.glob("*.json")
	}
	for kind in ("complaints", "repairs"):
		by_state = {}
		for row in data[kind]:
			by_state.setdefault(row["target"], row)
		data[kind] = list(by_state.values())
	units = {row["resident"] for row in data["complaints"] + data["repairs"]}
	for survey in data["surveys"]:  # the households whose problems became actions, and a few more
		survey["responses"] = [
			row for n, row in enumerate(survey["responses"]) if row.get("needs_action") or n < 8
		]
		units |= {row["unit"] for row in survey["responses"]}
	units |= {slip["unit"] for opening in data["suggestion_box"] for slip in opening["slips"] if slip["unit"]}
	data["residents"] = [row for row in data["residents"] if row["unit"] in units]
	data["units"] = [row for row in data["units"] if f"{row['building']}-{row['unit_number']}" in units]
	for name, rows in data.items():
		(tmp_path / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
	return tmp_path


def test_demo_estate_loads_every_state_once(tmp_path):
	path = slice_of_the_demo(tmp_path)
	wanted = json.loads((path / "complaints.json").read_text(encoding="utf-8"))
	demo_estate.load(str(path))
	statuses = set(frappe.get_all("Complaint Register", filters={"estate": "翠湖花园"}, pluck="status"))
	expected = {row["target"].split(" (")[0] for row in wanted}
	assert expected <= statuses
	orders = set(frappe.get_all("Repair Work Order", filters={"estate": "翠湖花园"}, pluck="status"))
	assert {"Requested", "Dispatched", "In Progress", "Completed", "Verified", "Closed"} <= orders
	samples = frappe.get_all("Visit Sample", filters={"estate": "翠湖花园"}, pluck="name")
	assert samples
	rule = sampling_rule()
	for name in samples:  # RV-4 on the demo's months
		sample = frappe.get_doc("Visit Sample", name)
		assert sample.sample_size == sample_size(sample.order_count, rule) == len(sample.orders)
		in_person = [row for row in sample.orders if row.method == "In Person"]
		assert len(in_person) * 2 > len(sample.orders) or not sample.orders
		assert all(row.return_visit for row in sample.orders)

	surveys_are_walked_and_followed_up(path)
	weeks_are_reviewed_and_the_half_year_analysed(path)

	counts = {
		dt: frappe.db.count(dt)
		for dt in (
			"Complaint Register",
			"Repair Work Order",
			"Return Visit",
			"Resident",
			"Opinion Survey",
			"Survey Response",
			"Survey Corrective Action",
			"Suggestion Box Opening",
			"Weekly Complaint Review",
			"Complaint Analysis Meeting",
			"Meeting Action",
		)
	}
	demo_estate.load(str(path))
	assert {dt: frappe.db.count(dt) for dt in counts} == counts, "loading again adds nothing"

	staff = frappe.get_doc("User", "liu.fang@demo.property-service.local")
	assert staff.language == "zh" and "Customer Service Assistant" in {r.role for r in staff.roles}
	assert frappe.utils.password.check_password(staff.name, demo_estate.PASSWORD)

	for login, role in (
		("tang.hui", "Customer Service Manager"),
		("deng.zhiqiang", "Deputy General Manager"),
		("cao.guoliang", "General Manager"),
	):
		assert role in frappe.get_roles(f"{login}@demo.property-service.local")


def surveys_are_walked_and_followed_up(path):
	"""SV-2..SV-8: last year's survey published, this year's analysed and compared with it; the actions
	done or under way as the history says; the suggestion box opened every day."""
	wanted = json.loads((path / "surveys.json").read_text(encoding="utf-8"))
	first, second = (
		frappe.get_doc("Opinion Survey", name)
		for name in frappe.get_all(
			"Opinion Survey", filters={"estate": "翠湖花园"}, order_by="collection_start asc", pluck="name"
		)
	)
	assert (first.status, second.status) == ("Results Published", "Analysed")
	assert second.previous_survey == first.name and second.previous_overall_rate == first.overall_rate
	assert first.title == "翠湖花园 2025 下半年", "written in the office's language"
	for survey, record in ((first, wanted[0]), (second, wanted[1])):
		steps = dict(record["steps"])
		assert str(survey.collection_start) == record["collection_start"]
		assert survey.analysed_on == frappe.utils.get_datetime(steps["Analyse"])
		assert survey.creation == frappe.utils.get_datetime(record["planned_on"])
		assert survey.handed_out == survey.hand_out_quota - record["handed_out_short"]
		assert survey.returned == len(record["responses"]) and survey.common_opinions
		flagged = {
			f"翠湖花园-{row['unit']}": row["rounds"] for row in record["responses"] if row.get("needs_action")
		}
		actions = frappe.get_all(
			"Survey Corrective Action",
			filters={"survey": survey.name, "source": "Flagged by Staff"},
			fields=["name", "property_unit", "status", "resident_satisfied", "completed_on", "creation"],
		)
		assert {a.property_unit for a in actions} == set(flagged)
		for action in actions:
			rounds = flagged[action.property_unit]
			assert action.status == ("Rectified" if rounds else "Rectifying")
			assert (action.resident_satisfied or None) == (rounds[-1]["satisfied"] if rounds else None)
			assert action.creation == frappe.utils.get_datetime(record["actions"]["made_on"])
			if rounds:
				assert action.completed_on == frappe.utils.get_datetime(rounds[-1]["completed_on"])
	assert first.published_on == frappe.utils.get_datetime(dict(wanted[0]["steps"])["Publish Results"])
	assert "客服中心" in first.rectification_plan

	openings = json.loads((path / "suggestion_box.json").read_text(encoding="utf-8"))
	assert frappe.db.count("Suggestion Box Opening", {"estate": "翠湖花园"}) == len(openings)
	calls = frappe.get_all(
		"Return Visit",
		filters={"visit_kind": "Suggestion", "estate": "翠湖花园"},
		fields=["status", "method", "creation"],
	)
	slips = [slip for opening in openings for slip in opening["slips"]]
	assert len(calls) == len(slips) and {c.method for c in calls} == {"Phone"}
	assert sorted(c.status for c in calls) == sorted(
		"Completed" if slip["visited_on"] else "To Visit" for slip in slips
	)
	assert not frappe.db.exists("Complaint Register", {"source_document_no": ("like", "SBO-%")}), (
		"no slip is a complaint the complaint history does not know"
	)


def weeks_are_reviewed_and_the_half_year_analysed(path):
	"""RC-1: every week but the latest signed by the supervisor; RC-2, RC-3: the first half's meeting
	with each decision an action done, the household's visited."""
	reviews = json.loads((path / "reviews.json").read_text(encoding="utf-8"))
	weeks = frappe.get_all(
		"Weekly Complaint Review",
		filters={"estate": "翠湖花园"},
		fields=["week_start", "status", "docstatus", "signed_by", "review_comment", "complaints_received"],
		order_by="week_start asc",
	)
	assert [str(week.week_start) for week in weeks] == [row["week_start"] for row in reviews["weekly"]]
	assert [week.status for week in weeks] == ["Signed"] * (len(weeks) - 1) + ["Submitted to Supervisor"]
	assert all(week.docstatus == 1 and week.signed_by and week.review_comment for week in weeks[:-1])

	(meeting,) = frappe.get_all("Complaint Analysis Meeting", filters={"estate": "翠湖花园"}, pluck="name")
	meeting = frappe.get_doc("Complaint Analysis Meeting", meeting)
	assert (str(meeting.period_start), str(meeting.period_end)) == ("2026-01-01", "2026-06-30")
	assert all(row.meeting_action for row in meeting.decisions)
	for row in meeting.decisions:
		action = frappe.get_doc("Meeting Action", row.meeting_action)
		assert action.status == "Rectified" and action.measures_taken
		visit = frappe.db.get_value(
			"Return Visit", {"reference_name": action.name}, ["status", "satisfied"], as_dict=True
		)
		if action.property_unit:
			assert (visit.status, visit.satisfied) == ("Completed", "Satisfied")
		else:
			assert visit is None
