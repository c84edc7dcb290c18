"""How satisfied residents are (SV-5, RV-7): each survey's per-aspect and overall satisfaction against the
estate's previous survey, and the share of satisfied answers on complaint and repair return visits."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from property_service.property_service.report.period import in_period, percent, report_period


def execute(filters=None):
	filters, start, end = report_period(filters)
	survey, result = DocType("Opinion Survey"), DocType("Opinion Survey Result")
	condition = in_period(survey.analysed_on, start, end) & survey.status.isin(
		("Analysed", "Results Published")
	)
	if filters.estate:
		condition &= survey.estate == filters.estate
	surveys = (
		frappe.qb.from_(survey)
		.select(survey.name, survey.title, survey.overall_rate, survey.previous_overall_rate, survey.returned)
		.where(condition)
		.orderby(survey.analysed_on)
		.run(as_dict=True)
	)
	results = (
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
	rows = []
	for s in surveys:
		rows.append(
			frappe._dict(
				source=s.title,
				survey=s.name,
				answers=s.returned,
				rate=s.overall_rate,
				previous_rate=s.previous_overall_rate,
				change=round(s.overall_rate - s.previous_overall_rate, 1)
				if s.previous_overall_rate
				else None,
				indent=0,
			)
		)
		for r in results:
			if r.parent == s.name and r.answers:
				rows.append(
					frappe._dict(
						source=_(r.aspect),
						survey=s.name,
						answers=r.answers,
						rate=r.satisfaction_rate,
						previous_rate=r.previous_rate,
						change=r.change,
						indent=1,
					)
				)
	visit_rows = visit_satisfaction(filters, start, end)
	rows += visit_rows

	columns = [
		{"fieldname": "source", "label": _("Measured"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "survey",
			"label": _("Survey"),
			"fieldtype": "Link",
			"options": "Opinion Survey",
			"width": 140,
		},
		{"fieldname": "answers", "label": _("Answers"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rate", "label": _("Satisfaction Rate"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "previous_rate", "label": _("Previous Survey"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "change", "label": _("Change (Points)"), "fieldtype": "Float", "width": 120},
	]
	latest = surveys[-1].name if surveys else None
	latest_aspects = [r for r in results if r.parent == latest and r.answers]
	chart = {
		"data": {
			"labels": [_(r.aspect) for r in latest_aspects],
			"datasets": [
				{"name": _("Satisfaction Rate"), "values": [r.satisfaction_rate for r in latest_aspects]},
				{"name": _("Previous Survey"), "values": [r.previous_rate or 0 for r in latest_aspects]},
			],
		},
		"type": "bar",
	}
	summary = [
		{
			"label": _("Latest Overall Satisfaction"),
			"value": surveys[-1].overall_rate if surveys else 0,
			"datatype": "Percent",
		},
		*({"label": row.source, "value": row.rate, "datatype": "Percent"} for row in visit_rows),
	]
	return columns, rows, None, chart, summary


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
