"""RV-11: an estate's courtesy visits for a year, by role and frequency. The plan is filled from the
settings (the office director's rounds, the property manager's, and in a villa estate the property
manager's door-to-door rounds), generates the year's Courtesy Visits, and counts the visits made."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from property_service.controllers.settings import get_settings
from property_service.rules import relations

MAX_ROUNDS = 12  # at most one round a month: a round is whole months


class CourtesyVisitPlanError(frappe.ValidationError):
	pass


class CourtesyVisitPlan(Document):
	def validate(self):
		self.validate_one_plan_a_year()
		self.fill_rounds()
		self.validate_rounds()

	def validate_one_plan_a_year(self):
		other = frappe.db.get_value(
			"Courtesy Visit Plan",
			{"estate": self.estate, "plan_year": self.plan_year, "name": ("!=", self.name)},
		)
		if other:
			frappe.throw(
				_("{0} already has the courtesy visit plan {1} for {2}.").format(
					self.estate, other, self.plan_year
				),
				CourtesyVisitPlanError,
			)

	def fill_rounds(self):
		"""A new plan starts from the settings and the estate's people."""
		if self.rounds:
			return
		settings = get_settings()
		estate = frappe.db.get_value(
			"Estate",
			self.estate,
			["is_villa_estate", *set(relations.VISITOR_FIELD.values())],
			as_dict=True,
		)
		for kind in relations.visit_kinds(bool(estate.is_villa_estate)):
			rounds = settings.get(relations.VISITS_A_YEAR_SETTING[kind]) or 0
			visitor = estate.get(relations.VISITOR_FIELD[kind])
			if rounds and visitor:
				self.append(
					"rounds",
					{
						"visit_kind": kind,
						"visitor": visitor,
						"visits_a_year": rounds,
						"households_per_round": 1,
					},
				)

	def validate_rounds(self):
		for row in self.rounds:
			if not 1 <= (row.visits_a_year or 0) <= MAX_ROUNDS:
				frappe.throw(
					_("Row {0}: between 1 and {1} rounds a year.").format(row.idx, MAX_ROUNDS),
					CourtesyVisitPlanError,
				)
			if row.visit_kind == relations.DOOR_TO_DOOR and not self.is_villa_estate:
				frappe.throw(
					_("Row {0}: door-to-door rounds are for villa estates.").format(row.idx),
					CourtesyVisitPlanError,
				)
			if row.area and frappe.db.get_value("Building", row.area, "estate") != self.estate:
				frappe.throw(
					_("Row {0}: building {1} is not in estate {2}.").format(row.idx, row.area, self.estate),
					CourtesyVisitPlanError,
				)

	@frappe.whitelist()
	def generate_visits(self) -> int:
		"""The year's visits of every row, each due by the last day of its round; only those not made
		yet, so generating again after a change adds what is missing. Returns how many were made."""
		self.check_permission("write")
		made = 0
		existing = set(
			frappe.get_all(
				"Courtesy Visit",
				filters={"plan": self.name},
				fields=["visit_kind", "visitor", "round_number", "slot"],
				as_list=True,
			)
		)
		for row in self.rounds:
			ends = relations.round_ends(int(self.plan_year), row.visits_a_year)
			slots = self.slots(row)
			for number, due_by in enumerate(ends, 1):
				for slot, unit in slots:
					if (row.visit_kind, row.visitor, number, slot) in existing:
						continue
					visit = frappe.get_doc(
						{
							"doctype": "Courtesy Visit",
							"plan": self.name,
							"estate": self.estate,
							"visit_kind": row.visit_kind,
							"visitor": row.visitor,
							"due_by": due_by,
							"property_unit": unit,
						}
					)
					visit.flags.round_and_slot = (number, slot)
					visit.insert()
					made += 1
		frappe.db.set_value("Courtesy Visit Plan", self.name, "generated_on", now_datetime())
		update_completion(self.name)
		return made

	def slots(self, row) -> list[tuple[int, str | None]]:
		"""The places of one round: every occupied household of the estate (or area) door to door,
		else as many visits as the row's households per round, the household chosen at the visit."""
		if row.visit_kind != relations.DOOR_TO_DOOR:
			return [(slot, None) for slot in range(1, (row.households_per_round or 1) + 1)]
		filters = {"estate": self.estate}
		if row.area:
			filters["building"] = row.area
		units = sorted(set(frappe.get_all("Resident", filters=filters, pluck="property_unit")))
		if not units:
			frappe.throw(_("No households with residents to visit door to door."), CourtesyVisitPlanError)
		return list(enumerate(units, 1))


def refresh_plans():
	"""Daily: the plans not completed count again, so that a visit whose round has passed shows overdue
	on its plan without anyone saving it."""
	for plan in frappe.get_all("Courtesy Visit Plan", filters={"status": ("!=", "Completed")}, pluck="name"):
		update_completion(plan)


def update_completion(plan: str):
	"""The plan's counts and each row's, from its visits; the plan is Completed when every visit is made."""
	if not plan:
		return
	visits = frappe.get_all(
		"Courtesy Visit",
		filters={"plan": plan},
		fields=["visit_kind", "visitor", "status", "due_by"],
	)
	made = [visit for visit in visits if visit.status == "Visit Made"]
	overdue = [
		visit for visit in visits if visit.status != "Visit Made" and getdate(visit.due_by) < getdate(today())
	]
	status = "Planning"
	if visits:
		status = "Completed" if len(made) == len(visits) else "Under Way"
	frappe.db.set_value(
		"Courtesy Visit Plan",
		plan,
		{
			"visits_planned": len(visits),
			"visits_made": len(made),
			"visits_overdue": len(overdue),
			"completion": relations.completion(len(made), len(visits)) or 0,
			"status": status,
		},
	)
	for row in frappe.get_all(
		"Courtesy Visit Round",
		filters={"parent": plan, "parenttype": "Courtesy Visit Plan"},
		fields=["name", "visit_kind", "visitor"],
	):
		mine = [v for v in visits if (v.visit_kind, v.visitor) == (row.visit_kind, row.visitor)]
		done = sum(1 for v in mine if v.status == "Visit Made")
		frappe.db.set_value(
			"Courtesy Visit Round",
			row.name,
			{"planned": len(mine), "made": done, "completion": relations.completion(done, len(mine)) or 0},
			update_modified=False,
		)
