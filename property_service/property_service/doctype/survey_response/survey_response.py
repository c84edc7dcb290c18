"""One household's answers to one opinion survey (SV-4), from the paper form or the portal, by an owner or
a tenant (SV-9).

The answers are confidential (SV-9): residents never reach them, the reports and the publication show the
survey's aggregates, and a member of staff who enters paper forms reads only the forms they entered
(answers_rule, through Frappe's permission_query_conditions and has_permission hooks, for the response and
for its ratings, which Frappe lists directly). Those who run the analysis, the supervisor and the customer
service manager, read them all.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType

from property_service.exceptions import SurveyError
from property_service.permissions import NOTHING, condition_sql, names_where, sql_value, stored
from property_service.rules import surveys

# who reads every household's answers: the people who analyse the survey
ANSWER_READERS = {"Customer Service Supervisor", "Customer Service Manager", "System Manager"}


class SurveyResponse(Document):
	def before_validate(self):
		if not self.ratings and self.survey:
			# the questionnaire: one line per aspect the survey asks about
			for aspect in frappe.get_all(
				"Opinion Survey Aspect", filters={"parent": self.survey}, order_by="idx", pluck="aspect"
			):
				self.append("ratings", {"aspect": aspect})

	def validate(self):
		survey = frappe.db.get_value(
			"Opinion Survey", self.survey, ["status", "estate", "scale"], as_dict=True
		)
		if survey.status not in ("Handing Out", "Collecting"):
			frappe.throw(
				_("Survey {0} is not taking answers: it is {1}.").format(self.survey, _(survey.status)),
				SurveyError,
			)
		self.validate_household(survey.estate)
		self.set_respondent_type()
		self.validate_one_per_household()
		self.validate_ratings(survey.scale)

	def validate_household(self, estate: str):
		unit_estate = frappe.db.get_value("Property Unit", self.property_unit, "estate")
		if unit_estate != estate:
			frappe.throw(
				_("Household {0} is not in estate {1}.").format(
					frappe.bold(self.property_unit), frappe.bold(estate)
				),
				SurveyError,
			)
		if (
			self.resident
			and frappe.db.get_value("Resident", self.resident, "property_unit") != self.property_unit
		):
			frappe.throw(
				_("Resident {0} does not live in {1}.").format(self.resident, self.property_unit), SurveyError
			)

	def set_respondent_type(self):
		"""SV-9: owners and tenants are both surveyed; a named resident answered as what they are."""
		if self.resident:
			self.respondent_type = frappe.db.get_value("Resident", self.resident, "resident_type")

	def validate_one_per_household(self):
		other = frappe.db.get_value(
			"Survey Response",
			{"survey": self.survey, "property_unit": self.property_unit, "name": ("!=", self.name)},
		)
		if other:
			frappe.throw(
				_("Household {0} has already answered this survey ({1}).").format(
					frappe.bold(self.property_unit), other
				),
				SurveyError,
			)

	def validate_ratings(self, scale: str):
		asked = set(frappe.get_all("Opinion Survey Aspect", filters={"parent": self.survey}, pluck="aspect"))
		levels = surveys.SCALES[scale]
		seen = set()
		for row in self.ratings:
			if row.aspect not in asked:
				frappe.throw(_("The survey does not ask about {0}.").format(_(row.aspect)), SurveyError)
			if row.aspect in seen:
				frappe.throw(_("{0} is rated twice.").format(_(row.aspect)), SurveyError)
			seen.add(row.aspect)
			if row.level and row.level not in levels:
				frappe.throw(
					_("{0} is not an answer on this survey's scale: {1}.").format(
						_(row.level), ", ".join(_(level) for level in levels)
					),
					SurveyError,
				)


def on_doctype_update():
	# one response per household per survey, even when two people enter it at once
	frappe.db.add_unique("Survey Response", ["survey", "property_unit"], constraint_name="one_per_household")


def sees_only_own_entries(user: str) -> bool:
	"""Staff who enter paper forms and do not analyse the survey (SV-9)."""
	return user != "Administrator" and not set(frappe.get_roles(user)) & ANSWER_READERS


def answers_rule(user: str | None = None):
	"""The responses a user may read: all of them, or those they entered."""
	user = user or frappe.session.user
	if not sees_only_own_entries(user):
		return None
	return DocType("Survey Response").owner == sql_value(user) if user != "Guest" else NOTHING


def response_query(user: str | None = None, doctype: str | None = None) -> str:
	return condition_sql(answers_rule(user))


def rating_query(user: str | None = None, doctype: str | None = None) -> str:
	"""The ratings of the responses the user may read (get_list reads child rows directly)."""
	rule = answers_rule(user)
	if rule is None:
		return ""
	row = DocType("Survey Rating")
	return condition_sql(
		(row.parenttype == sql_value("Survey Response"))
		& row.parent.isin(names_where("Survey Response", rule))
	)


def has_response_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if not sees_only_own_entries(user):
		return True
	return doc.is_new() or stored(doc, "owner") == user
