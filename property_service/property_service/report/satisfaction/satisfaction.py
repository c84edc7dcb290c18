"""How satisfied residents are (SV-5, RV-7): each survey's per-aspect and overall satisfaction against the
estate's previous survey, and the share of satisfied answers on complaint and repair return visits."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.property_service.report.period import in_period, percent, report_period


def execute(filters=None):
	filters, start, end = report_period(filters)
	surveys = analysed_surveys(filters, start, end)
	results = survey_results(surveys)
	visit_rows = visit_satisfaction(filters, start, end)
	data = survey_rows(surveys, results) + visit_rows
	return get_columns(), data, None, get_chart(surveys, results), get_summary(surveys, visit_rows)


def analysed_surveys(filters, start, end) -> list[frappe._dict]:
	"""The surveys analysed in the period, in the order they were."""
	survey = DocType("Opinion Survey")
	condition = in_period(survey.analysed_on, start, end) & survey.status.isin(
		("Analysed", "Results Published")
	)
	if filters.estate:
		condition &= survey.estate == filters.estate
	return (
		frappe.qb.from_(survey)
		.select(
			survey.name,
			survey.title,
			survey.overall_rate,
			survey.previous_survey,
			survey.previous_overall_rate,
			survey.returned,
		)
		.where(condition)
		.orderby(survey.analysed_on)
		.run(as_dict=True)
	)


def survey_results(surveys) -> list[frappe._dict]:
	"""The surveys' per-aspect results, in each survey's order."""
	result = DocType("Opinion Survey Result")
	return (
		frappe.qb.from_(result)
		.select(
			result.parent,
			result.aspect,
			result.answers,
			result.satisfaction_rate,
			result.previous_rate,
			result.change,
		)
		.where(
			result.parent.isin([s.name for s in surveys] or [""]) & (result.parenttype == "Opinion Survey")
		)
		.orderby(result.idx)
		.run(as_dict=True)
	)


def survey_rows(surveys, results) -> list[frappe._dict]:
	"""Each survey's overall row, then, indented under it, the aspects someone answered."""
	previously_answered = answered_aspects([s.previous_survey for s in surveys if s.previous_survey])
	rows = []
	for s in surveys:
		# a first survey, or an aspect nobody answered last time, has no previous figure: blank, not 0 %
		previous = s.previous_overall_rate if s.previous_survey else None
		rows.append(
			frappe._dict(
				source=s.title,
				survey=s.name,
				answers=s.returned,
				rate=s.overall_rate,
				previous_rate=previous,
				change=None if previous is None else round(s.overall_rate - previous, 1),
				indent=0,
			)
		)
		for r in results:
			if r.parent == s.name and r.answers:
				compared = (s.previous_survey, r.aspect) in previously_answered
				rows.append(
					frappe._dict(
						source=_(r.aspect),
						survey=s.name,
						answers=r.answers,
						rate=r.satisfaction_rate,
						previous_rate=r.previous_rate if compared else None,
						change=r.change if compared else None,
						indent=1,
					)
				)
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "source", "label": _("Measured"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "survey",
			"label": _("Survey"),
			"fieldtype": "Link",
			"options": "Opinion Survey",
			"width": 140,
		},
		{"fieldname": "answers", "label": _("Answers"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "rate",
			"label": _("Satisfaction Rate"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 120,
		},
		{
			"fieldname": "previous_rate",
			"label": _("Previous Survey"),
			"fieldtype": "Percent",
			"precision": 1,
			"width": 120,
		},
		{
			"fieldname": "change",
			"label": _("Change (Points)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 140,
		},
	]


def get_chart(surveys, results) -> dict:
	"""The latest survey's aspects, beside the previous survey's where there was one."""
	latest = surveys[-1] if surveys else None
	latest_aspects = [r for r in results if latest and r.parent == latest.name and r.answers]
	datasets = [{"name": _("Satisfaction Rate"), "values": [r.satisfaction_rate for r in latest_aspects]}]
	if latest and latest.previous_survey:
		datasets.append(
			{"name": _("Previous Survey"), "values": [r.previous_rate or 0 for r in latest_aspects]}
		)
	return {
		"data": {"labels": [_(r.aspect) for r in latest_aspects], "datasets": datasets},
		"type": "bar",
	}


def get_summary(surveys, visit_rows) -> list[dict]:
	latest = surveys[-1] if surveys else None
	return [
		{
			"label": _("Latest Overall Satisfaction"),
			"value": latest.overall_rate if latest else None,
			"datatype": "Percent",
		},
		*({"label": row.source, "value": row.rate, "datatype": "Percent"} for row in visit_rows),
	]


def answered_aspects(surveys: list[str]) -> set[tuple[str, str]]:
	"""(survey, aspect) of the aspects someone answered in these surveys."""
	if not surveys:
		return set()
	result = DocType("Opinion Survey Result")
	return set(
		frappe.qb.from_(result)
		.select(result.parent, result.aspect)
		.where(result.parent.isin(surveys) & (result.parenttype == "Opinion Survey") & (result.answers > 0))
		.run()
	)


def visit_satisfaction(filters, start, end) -> list[frappe._dict]:
	visit = DocType("Return Visit")
	condition = in_period(visit.completed_on, start, end) & visit.satisfied.isin(
		("Satisfied", "Not Satisfied")
	)
	if filters.estate:
		condition &= visit.estate == filters.estate
	counts = {
		kind: (answers, int(satisfied or 0))
		for kind, answers, satisfied in frappe.qb.from_(visit)
		.select(visit.visit_kind, Count("*"), Sum(Case().when(visit.satisfied == "Satisfied", 1).else_(0)))
		.where(condition & visit.visit_kind.isin(("Complaint", "Repair", "Monthly Sample")))
		.groupby(visit.visit_kind)
		.run()
	}
	labels = {"Complaint": _("Complaints (Return Visits)"), "Repair": _("Repairs (Return Visits)")}
	repair = tuple(
		map(sum, zip(counts.get("Repair", (0, 0)), counts.get("Monthly Sample", (0, 0)), strict=True))
	)
	rows = []
	for kind, (answers, satisfied) in (("Complaint", counts.get("Complaint", (0, 0))), ("Repair", repair)):
		rows.append(
			frappe._dict(source=labels[kind], answers=answers, rate=percent(satisfied, answers), indent=0)
		)
	return rows
