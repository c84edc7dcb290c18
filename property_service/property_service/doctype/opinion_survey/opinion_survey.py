"""An owner opinion survey of one estate for one period (SV-1..SV-10).

Planned, then approved by the chain the company sets, by default the department manager, the deputy general
manager and the general manager (workflow "Opinion Survey Approval", approval_chain.py); opened and handed
out to owners and tenants; collected within 10–15 days; analysed (the statistics are frozen and the
responses locked), with a Pareto analysis of the dissatisfied items; discussed at the director's meeting,
which decides corrective and preventive actions; published with the rectification plan.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, cint, flt, getdate, now_datetime, today

from property_service.controllers import notifications
from property_service.property_service.doctype.opinion_survey import approval_chain
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)
from property_service.records import save_with_app_change
from property_service.rules import surveys

PLAN_FIELDS = (
	"estate",
	"survey_year",
	"period",
	"scale",
	"purpose",
	"target_households",
	"collection_start",
	"collection_end",
	"occupied_households",
	"floor_area",
)
RESPONSES_OPEN = ("Handing Out", "Collecting")
ANALYSED = ("Analysed", "Results Published")


class OpinionSurvey(Document):
	def onload(self):
		"""A survey saved before these were kept shows them all the same (its next save stores them)."""
		if not (self.next_survey_due and self.keep_until):
			self.set_dates_that_follow()
		if not self.min_response_rate:
			self.min_response_rate = get_settings().survey_min_response

	def before_validate(self):
		if not self.aspects:
			# a new survey asks about every enabled aspect, in questionnaire order
			for aspect in frappe.get_all(
				"Survey Aspect", filters={"enabled": 1}, order_by="sort_order asc, name asc", pluck="name"
			):
				self.append("aspects", {"aspect": aspect})

	def validate(self):
		self.title = f"{self.estate} {self.survey_year} {_(self.period)}"
		self.take_estate_figures()
		self.warn_if_sooner_than_planned()
		self.validate_aspects()
		self.validate_collection_window()
		self.validate_plan_unchanged_once_approved()
		self.set_hand_out_quota()
		self.count_returns()
		self.set_min_response()
		self.set_dates_that_follow()
		self.validate_meeting()
		self.record_status_change()

	def warn_if_sooner_than_planned(self):
		"""SV-9: surveys are not run more often than the plan (the settings' frequency) says; a plan that
		starts before the estate's next survey is due says so when it is made."""
		if not self.is_new() or not self.collection_start:
			return
		due = frappe.db.get_value(
			"Opinion Survey",
			{"estate": self.estate, "collection_start": ("<=", self.collection_start)},
			"next_survey_due",
			order_by="collection_start desc",
		)
		if due and getdate(self.collection_start) < getdate(due):
			frappe.msgprint(
				_(
					"The estate's next survey is due on {0}: surveying it sooner asks the residents more often than the plan says."
				).format(frappe.format(due, {"fieldtype": "Date"})),
				indicator="orange",
				alert=True,
			)

	def take_estate_figures(self):
		"""When planned, the estate's figures as they stand; the planner may correct them."""
		if not self.is_new():
			return
		estate = frappe.db.get_value(
			"Estate", self.estate, ["occupied_households", "floor_area"], as_dict=True
		)
		self.occupied_households = self.occupied_households or cint(estate.occupied_households)
		self.floor_area = self.floor_area or flt(estate.floor_area)

	def validate_aspects(self):
		aspects = [row.aspect for row in self.aspects]
		if not aspects:
			frappe.throw(_("Choose the aspects the survey asks about."))
		if len(set(aspects)) != len(aspects):
			frappe.throw(_("Each aspect is asked about once."))

	def validate_collection_window(self):
		settings = get_settings()
		start, end = getdate(self.collection_start), getdate(self.collection_end)
		if not surveys.collection_days_allowed(
			start, end, settings.survey_collection_min_days, settings.survey_collection_max_days
		):
			frappe.throw(
				_("Collection lasts {0} to {1} days, first and last day included; this plan has {2}.").format(
					settings.survey_collection_min_days,
					settings.survey_collection_max_days,
					(end - start).days + 1,
				)
			)

	def validate_plan_unchanged_once_approved(self):
		before = self.get_doc_before_save()
		if not before or before.status in ("Planned", *approval_chain.awaiting_approval()):
			return
		changed = [
			field for field in PLAN_FIELDS if str(before.get(field) or "") != str(self.get(field) or "")
		]
		if changed or [r.aspect for r in before.aspects] != [r.aspect for r in self.aspects]:
			frappe.throw(_("The plan was approved as it stands: it cannot be changed now."))

	def set_hand_out_quota(self):
		"""SV-3: how many questionnaires to hand out."""
		settings = get_settings()
		self.hand_out_quota = surveys.hand_out_quota(
			cint(self.occupied_households),
			flt(self.floor_area),
			settings.survey_small_estate_area,
			settings.survey_hand_out_small,
			settings.survey_hand_out_large,
		)
		if self.handed_out and self.handed_out < self.hand_out_quota and self.has_value_changed("handed_out"):
			frappe.msgprint(
				_("{0} handed out is fewer than the {1} the rule asks for (SV-3).").format(
					self.handed_out, self.hand_out_quota
				),
				indicator="orange",
				alert=True,
			)

	def count_returns(self):
		"""Returns so far, and how many came from owners and from tenants (SV-9)."""
		by_type = (
			frappe.get_all(
				"Survey Response",
				filters={"survey": self.name},
				fields=["respondent_type", "count(name) as returned"],
				group_by="respondent_type",
			)
			if not self.is_new()
			else []
		)
		counts = {row.respondent_type: row.returned for row in by_type}
		self.returned = sum(counts.values())
		self.returned_by_owners = counts.get("Owner", 0)
		self.returned_by_tenants = counts.get("Tenant", 0)
		self.response_rate = surveys.rate(self.returned, cint(self.handed_out)) or 0

	def validate_meeting(self):
		"""SV-10: the director's meeting on the survey's problems follows its analysis."""
		if not self.meeting_held_on:
			return
		if self.status not in ANALYSED:
			frappe.throw(_("The survey meeting discusses the analysis: analyse the survey first."))
		if getdate(self.meeting_held_on) > getdate(today()):
			frappe.throw(_("Record the survey meeting once it is held."))

	def set_min_response(self):
		"""SV-3: the minimum share of returns, from the settings until the analysis freezes it."""
		if self.status not in ANALYSED or not self.min_response_rate:
			self.min_response_rate = get_settings().survey_min_response

	def below_min_response(self) -> bool:
		return cint(self.handed_out) > 0 and surveys.below_min_response(
			flt(self.response_rate), flt(self.min_response_rate)
		)

	def set_dates_that_follow(self):
		"""SV-1: when the estate's next survey is due; RE-1: how long its answers are kept at least."""
		settings = get_settings()
		if self.collection_start:
			self.next_survey_due = surveys.next_survey_due(
				getdate(self.collection_start), settings.survey_frequency
			)
		if self.collection_end:
			self.keep_until = surveys.kept_until(
				getdate(self.collection_end), cint(settings.survey_retention_years)
			)

	def record_status_change(self):
		if not self.has_value_changed("status"):
			return
		if self.status == "Collecting" and not cint(self.handed_out):
			frappe.throw(_("Record how many questionnaires were handed out before collecting them."))
		elif self.status == "Handing Out":
			self.flags.tell_residents = True
		elif self.status == "Analysed":
			self.analyse()
		elif self.status == "Results Published":
			self.publish()

	def on_update(self):
		if self.flags.tell_residents:
			self.flags.tell_residents = False
			# SV-3: every resident of the estate hears that it is open (switched in the settings)
			notifications.survey_opened(self)

	def analyse(self):
		"""SV-4, SV-5: the statistics, frozen; the responses are locked from now on."""
		result = self.compute_result()
		self.answers = result.answers
		self.overall_rate = result.overall_rate or 0
		self.set("results", [])
		for aspect in result.aspects:
			self.append(
				"results",
				{
					"aspect": aspect.aspect,
					"answers": aspect.answers,
					"satisfied_answers": aspect.satisfied,
					"satisfaction_rate": aspect.rate or 0,
					"previous_rate": aspect.previous_rate,
					"change": aspect.change,
					**{f"count_{frappe.scrub(level)}": count for level, count in aspect.levels.items()},
				},
			)
		self.analysed_on = now_datetime()
		if self.below_min_response():
			# SV-3: analysed all the same, and said so (the form keeps saying it)
			frappe.msgprint(
				_("Only {0}% of the questionnaires handed out came back, under the {1}% minimum.").format(
					f"{flt(self.response_rate):g}", f"{flt(self.min_response_rate):g}"
				),
				title=_("Response rate under the minimum"),
				indicator="orange",
			)

	def compute_result(self) -> surveys.SurveyResult:
		previous = self.previous_analysed_survey()
		self.previous_survey = previous.name if previous else None
		self.previous_overall_rate = previous.overall_rate if previous else None
		ratings = frappe.get_all(
			"Survey Rating",
			filters={"parenttype": "Survey Response", "parent": ("in", self.response_names())},
			fields=["parent", "aspect", "level"],
		)
		responses = {name: {} for name in self.response_names()}
		for rating in ratings:
			responses[rating.parent][rating.aspect] = rating.level
		return surveys.survey_result(
			self.scale,
			[row.aspect for row in self.aspects],
			responses.values(),
			cint(self.handed_out),
			{row.aspect: row.satisfaction_rate for row in previous.results if row.answers}
			if previous
			else {},
		)

	def response_names(self) -> list[str]:
		if not hasattr(self, "_response_names"):
			self._response_names = frappe.get_all(
				"Survey Response", filters={"survey": self.name}, pluck="name"
			)
		return self._response_names

	def previous_analysed_survey(self):
		name = frappe.db.get_value(
			"Opinion Survey",
			{
				"estate": self.estate,
				"status": ("in", ANALYSED),
				"name": ("!=", self.name),
				"collection_start": ("<", self.collection_start),
			},
			"name",
			order_by="collection_start desc",
		)
		return frappe.get_doc("Opinion Survey", name) if name else None

	def publish(self):
		"""SV-7: the results go to the residents and the owners' committee with the rectification plan."""
		if not (self.rectification_plan or "").strip():
			self.rectification_plan = self.plan_from_actions()
		self.published_on = now_datetime()

	def plan_from_actions(self) -> str:
		actions = frappe.get_all(
			"Survey Corrective Action",
			filters={"survey": self.name},
			fields=["source", "problem", "service_team", "due_on", "action_type"],
			order_by="due_on asc, name asc",
		)
		if not actions:
			return _("Every aspect met its target; no rectification is needed.")
		# an aspect's action already names the aspect; a household's item says it is one; a preventive
		# action, decided at the meeting, says it is preventive (SV-10)
		return "\n".join(
			_("{0}. {1} — {2}, by {3}").format(
				n,
				_("Preventive: {0}").format(a.problem)
				if a.action_type == "Preventive"
				else a.problem
				if a.source == "Below Target"
				else _("Household item: {0}").format(a.problem),
				a.service_team,
				a.due_on,
			)
			for n, a in enumerate(actions, 1)
		)

	def dissatisfied_tally(self) -> dict[str, int]:
		"""SV-10: the dissatisfied answers per aspect, from the frozen results (aggregates only, SV-9)."""
		fields = [f"count_{frappe.scrub(level)}" for level in surveys.dissatisfied_levels(self.scale)]
		return {row.aspect: sum(cint(row.get(field)) for field in fields) for row in self.results}

	@frappe.whitelist()
	def pareto_analysis(self) -> list[dict]:
		"""SV-10: the tally of dissatisfied items, most first, with each one's share and the running total."""
		self.check_permission("read")
		return [
			{
				"aspect": row.aspect,
				"aspect_label": _(row.aspect),
				"dissatisfied": row.dissatisfied,
				"share": row.share,
				"cumulative": row.cumulative,
			}
			for row in surveys.pareto(self.dissatisfied_tally())
		]

	def aspects_below_target(self) -> list:
		"""SV-6: the result rows of the aspects under the target rate (rules.surveys.below_target)."""
		frozen = surveys.SurveyResult(
			[
				surveys.AspectResult(
					row.aspect, answers=cint(row.answers), satisfied=cint(row.satisfied_answers)
				)
				for row in self.results
			],
			returned=cint(self.returned),
			handed_out=cint(self.handed_out),
		)
		below = {aspect.aspect for aspect in surveys.below_target(frozen, get_settings().survey_target_rate)}
		return [row for row in self.results if row.aspect in below]

	@frappe.whitelist()
	def make_corrective_actions(
		self, service_team: str | None = None, due_on: str | None = None
	) -> list[str]:
		"""SV-6: an action for every aspect under the target rate and every household item staff flagged,
		unless it has one already."""
		frappe.has_permission("Survey Corrective Action", "create", throw=True)
		self.check_permission("read")
		if self.status not in ANALYSED:
			frappe.throw(_("Analyse the survey first: the actions follow from its results."))
		if not frappe.db.exists("Service Team", service_team):
			frappe.throw(_("Choose the team responsible for the actions."))
		due_on = getdate(due_on) if due_on else add_days(today(), get_settings().survey_action_days)
		existing = frappe.get_all(
			"Survey Corrective Action",
			filters={"survey": self.name},
			fields=["aspect", "survey_response", "action_type"],
		)
		# a preventive action on an aspect is the meeting's, not the aspect's corrective action
		have_aspects = {a.aspect for a in existing if not a.survey_response and a.action_type != "Preventive"}
		have_responses = {a.survey_response for a in existing if a.survey_response}
		made = []
		for row in self.aspects_below_target():
			if row.aspect in have_aspects:
				continue
			made.append(
				self.new_action(
					service_team,
					due_on,
					aspect=row.aspect,
					problem=_("{0}: {1}% satisfied, under the {2}% target.").format(
						_(row.aspect), row.satisfaction_rate, get_settings().survey_target_rate
					),
				)
			)
		for response in frappe.get_all(
			"Survey Response",
			filters={"survey": self.name, "needs_action": 1},
			fields=["name", "action_note"],
		):
			if response.name in have_responses:
				continue
			made.append(
				self.new_action(
					service_team,
					due_on,
					found={"source": "Flagged by Staff", "survey_response": response.name},
					problem=response.action_note,
				)
			)
		return made

	def new_action(self, service_team, due_on, found: dict | None = None, **values) -> str:
		"""`found`: where the problem came from, which only the app records on the action."""
		action = frappe.get_doc(
			{
				"doctype": "Survey Corrective Action",
				"survey": self.name,
				"service_team": service_team,
				"due_on": due_on,
				**values,
			}
		)
		save_with_app_change(action, lambda: action.update(found or {}))
		return action.name

	@frappe.whitelist()
	def refresh_counts(self):
		"""Returns so far, while collecting."""
		self.check_permission("write")
		self.save()


def on_doctype_update():
	frappe.db.add_index("Opinion Survey", ["estate", "collection_start"])
