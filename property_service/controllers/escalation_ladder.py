"""The company's escalation ladder (ES-5), as Property Service Settings hold it.

The rules are in rules/escalation.py (no database); this module reads the settings into a `Ladder`,
checks a ladder before the settings keep it, writes today's ladder where none is kept yet, and gives
the complaint workflow the ladder's steps (complaint_lifecycle.json has today's ladder's: a company
that orders its levels otherwise, or sends major complaints elsewhere, gets its own "Escalate to …" and
"Resolve" steps when the workflow is synced, on migrate and when the settings are saved).

Where each level sits and what it is called is the company's; what a level is stays the app's: the
level's key is what cases store, and it fixes the role that holds the level, the estate field that
names its holder on each estate and the workflow state a complaint takes there.
"""

import frappe
from frappe import _, _lt

from property_service.controllers.settings import SETTINGS, get_settings
from property_service.rules import complaint_states, escalation

COMPLAINT_WORKFLOW = "Complaint Lifecycle"

PROBLEMS = {
	"unknown": _lt("{0} is not a level the app knows."),
	"twice": _lt("{0} is on the escalation ladder twice."),
	"missing": _lt("{0} is missing from the escalation ladder: each level is on it once."),
	"bottom": _lt("The escalation ladder starts at the front desk ({0})."),
	"not above": _lt("{0} is not a level above the front desk."),
}


def get_ladder(settings=None) -> escalation.Ladder:
	"""The ladder in force: the settings' rows, bottom to top; today's where none are kept."""
	settings = settings or get_settings()
	rows = settings.get("escalation_ladder") or []
	return escalation.Ladder(
		levels=tuple(row.level for row in rows) or escalation.LEVELS,
		names=tuple((row.level, row.level_name) for row in rows if row.level_name),
		major_level=settings.get("major_complaint_level") or escalation.DEFAULT_MAJOR_LEVEL,
		important_level=settings.get("important_complaint_level") or None,
	)


def level_name(level: str | None, ladder: escalation.Ladder | None = None) -> str:
	"""What staff read for a level: the company's name for it, else the level's own, translated."""
	return _((ladder or get_ladder()).name(level))


def validate(settings):
	"""Each row shows who holds the level and the state a complaint takes there; the ladder must be one
	the app can run."""
	for row in settings.get("escalation_ladder") or []:
		row.role = escalation.ROLE_BY_LEVEL.get(row.level)
		row.workflow_state = complaint_states.ESCALATED_STATE_BY_LEVEL.get(row.level)
		row.level_name = (row.level_name or "").strip() or None
	try:
		get_ladder(settings)
	except escalation.LadderError as problem:
		frappe.throw(
			str(PROBLEMS[problem.kind]).format(_(problem.level or escalation.FRONT_DESK)),
			title=_("Escalation Ladder"),
		)


def default_rows() -> list[dict]:
	return [{"level": level, "level_name": None} for level in escalation.LEVELS]


def keep_default_ladder():
	"""Today's ladder written as configuration where the settings keep none (install, and the patch for
	sites from before the ladder was configuration): the same levels in the same order, so nothing
	changes until the company changes it."""
	if frappe.db.exists("Escalation Level", {"parenttype": SETTINGS, "parentfield": "escalation_ladder"}):
		return
	settings = frappe.get_single(SETTINGS)
	for row in default_rows():
		settings.append("escalation_ladder", row)
	validate(settings)
	for row in settings.escalation_ladder:
		row.db_insert()
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def configured(definition: dict) -> dict:
	"""A workflow file's definition as the site runs it: the complaint's with the ladder's steps (the
	file's as it is where the app's settings are not on the site, once uninstalled)."""
	if definition.get("name") != COMPLAINT_WORKFLOW or not frappe.db.exists("DocType", "Escalation Level"):
		return definition
	return {**definition, "transitions": get_ladder().workflow_transitions(definition["transitions"])}


def on_settings_update(settings):
	"""A ladder reordered, or major complaints sent elsewhere: the complaint workflow's steps follow."""
	before, after = settings.get_doc_before_save(), get_ladder(settings)
	if before and (get_ladder(before).levels, get_ladder(before).major_level) == (
		after.levels,
		after.major_level,
	):
		return
	from property_service import install

	frappe.clear_document_cache(SETTINGS, SETTINGS)
	for definition in install.workflow_definitions():
		if definition["name"] == COMPLAINT_WORKFLOW:
			install.sync_workflow(definition)


def holders(estate) -> list[dict]:
	"""The ladder on one estate, bottom to top: each level as the company calls it, the estate field that
	names its holder and who that is (the front desk: the service-centre manager who runs it)."""
	ladder = get_ladder()
	meta = frappe.get_meta("Estate")
	rows = []
	for level in ladder.levels:
		field = escalation.DECIDER_FIELD.get(level, "service_centre_manager")
		user = estate.get(field)
		rows.append(
			{
				"level": level,
				"name": level_name(level, ladder),
				"field": _(meta.get_label(field)),
				"user": user,
				"full_name": frappe.utils.get_fullname(user) if user else None,
			}
		)
	return rows
