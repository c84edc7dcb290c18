"""SV-10: the dissatisfied items of an analysed opinion survey, tallied and in a Pareto chart (bars: each
item's share of the dissatisfied answers, most first; line: the running total). From the survey's frozen
results: aggregates only, never a household's answers (SV-9)."""

import frappe
from frappe import _

ANALYSED = ("Analysed", "Results Published")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.survey:
		return get_columns(), [], _("Choose an analysed survey."), None, None
	survey = frappe.get_doc("Opinion Survey", filters.survey)
	survey.check_permission("read")
	if survey.status not in ANALYSED:
		return get_columns(), [], _("The survey is not analysed yet."), None, None
	rows = survey.pareto_analysis()
	answers = {row.aspect: row for row in survey.results}
	data = [
		{
			"rank": rank,
			"aspect": row["aspect"],
			"aspect_label": row["aspect_label"],
			"dissatisfied": row["dissatisfied"],
			"answers": answers[row["aspect"]].answers,
			"satisfaction_rate": answers[row["aspect"]].satisfaction_rate,
			"share": row["share"],
			"cumulative": row["cumulative"],
		}
		for rank, row in enumerate(rows, 1)
	]
	message = None if data else _("No answer was dissatisfied: there is nothing to rank.")
	return get_columns(), data, message, get_chart(data), get_summary(survey, data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "aspect_label", "label": _("Aspect"), "fieldtype": "Data", "width": 180},
		{"fieldname": "dissatisfied", "label": _("Dissatisfied Answers"), "fieldtype": "Int", "width": 150},
		{"fieldname": "share", "label": _("Share of Dissatisfied"), "fieldtype": "Percent", "width": 150},
		{"fieldname": "cumulative", "label": _("Cumulative Share"), "fieldtype": "Percent", "width": 150},
		{"fieldname": "answers", "label": _("Answers"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "satisfaction_rate",
			"label": _("Satisfaction Rate"),
			"fieldtype": "Percent",
			"width": 130,
		},
	]


def get_chart(data) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row["aspect_label"] for row in data],
			"datasets": [
				{
					"name": _("Share of Dissatisfied"),
					"chartType": "bar",
					"values": [row["share"] for row in data],
				},
				{
					"name": _("Cumulative Share"),
					"chartType": "line",
					"values": [row["cumulative"] for row in data],
				},
			],
		},
		"type": "axis-mixed",
		"colors": ["#e24c4c", "#2490ef"],
		"fieldtype": "Percent",
		"height": 280,
	}


def get_summary(survey, data) -> list[dict]:
	return [
		{"label": _("Returned"), "value": survey.returned, "datatype": "Int"},
		{"label": _("Overall Satisfaction"), "value": survey.overall_rate, "datatype": "Percent"},
		{
			"label": _("Dissatisfied Answers"),
			"value": sum(row["dissatisfied"] for row in data),
			"datatype": "Int",
			"indicator": "Red" if data else "Green",
		},
	]
