"""RC-6: an owners' forum at least every interval (a setting, quarterly) per estate, each on a theme.
The record keeps who came and each opinion raised; each opinion becomes a complaint, a suggestion (both
registered in the Complaint Register) or a follow-up action given to a person by a date. A forum is
planned due by the estate's last forum held plus the interval, which the sweep watches; holding one
plans the next."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from property_service.controllers.raised import register_from
from property_service.controllers.settings import get_settings
from property_service.records import save_with_app_change
from property_service.rules import relations

PLANNED, HELD = "Planned", "Held"
REGISTERED_AS = {"Complaint": "Valid", "Suggestion": "Suggestion"}  # the complaint's validity (IN-6)
FOLLOW_UP = "Follow-up Action"


class OwnerForumError(frappe.ValidationError):
	pass


class OwnerForum(Document):
	def validate(self):
		if self.is_new():
			self.status = PLANNED
			self.escalation_level = "Assistant"
			self.due_by = next_due(self.estate)
		self.validate_people()
		self.validate_registered_opinions()
		self.attendee_count = len(self.attendees)
		if self.status == HELD:
			self.validate_held()

	def validate_people(self):
		for row in self.attendees:
			if (
				row.property_unit
				and frappe.db.get_value("Property Unit", row.property_unit, "estate") != self.estate
			):
				frappe.throw(
					_("Attendee {0}: household {1} is not in estate {2}.").format(
						row.idx, row.property_unit, self.estate
					),
					OwnerForumError,
				)
		for row in self.opinions:
			if row.outcome == FOLLOW_UP and self.status == HELD and not (row.action and row.responsible_user):
				frappe.throw(
					_(
						"Opinion {0}: a follow-up action needs the action agreed and who carries it out."
					).format(row.idx),
					OwnerForumError,
				)

	def validate_registered_opinions(self):
		"""An opinion that has become a complaint or an action is kept as it was."""
		before = self.get_doc_before_save()
		done = {
			row.name: row for row in (before.opinions if before else []) if row.complaint or row.assigned_on
		}
		for row in self.opinions:
			was = done.pop(row.name, None)
			if was and (was.opinion, was.outcome) != (row.opinion, row.outcome):
				frappe.throw(
					_("Opinion {0} has been acted on and is kept as it was.").format(row.idx), OwnerForumError
				)
		if done:
			frappe.throw(_("An opinion that has been acted on cannot be removed."), OwnerForumError)

	def validate_held(self):
		if not (self.theme and self.forum_date and self.attendees):
			frappe.throw(_("A forum held records its theme, date and attendees."), OwnerForumError)
		if getdate(self.forum_date) > getdate(today()):
			frappe.throw(_("A forum cannot be held in the future."), OwnerForumError)

	@frappe.whitelist()
	def mark_held(self) -> str | None:
		"""The forum took place: it is recorded as held and the estate's next forum is planned, due by this
		one's date plus the interval. Returns the next forum."""
		self.check_permission("write")
		if self.status == HELD:
			frappe.throw(_("The forum is recorded as held already."), OwnerForumError)
		save_with_app_change(self, lambda: setattr(self, "status", HELD))
		next_forum = plan_next_forum(self.estate)
		frappe.db.set_value("Owner Forum", self.name, "next_forum", next_forum)
		return next_forum

	@frappe.whitelist()
	def register_opinions(self) -> dict[str, int]:
		"""Each opinion of a forum held becomes what the forum decided: a complaint or a suggestion in the
		register (its source document this forum), or an action assigned to its person by its date.
		Only once per opinion; returns how many of each were made."""
		self.check_permission("write")
		if self.status != HELD:
			frappe.throw(_("Record the forum as held first."), OwnerForumError)
		made = {"complaints": 0, "actions": 0}
		for row in self.opinions:
			if row.outcome in REGISTERED_AS and not row.complaint:
				row.db_set(
					"complaint",
					register_from(
						self,
						text=row.opinion,
						validity=REGISTERED_AS[row.outcome],
						channel="Other",
						property_unit=row.property_unit,
						resident=row.resident,
						phone=row.contact_phone,
					),
				)
				made["complaints"] += 1
			elif row.outcome == FOLLOW_UP and not row.assigned_on:
				assign_to(
					{
						"doctype": self.doctype,
						"name": self.name,
						"assign_to": [row.responsible_user],
						"date": row.due_on,
						"description": _("Owner forum {0}: {1}").format(self.name, row.action),
					},
					ignore_permissions=True,
				)
				row.db_set("assigned_on", now_datetime())
				made["actions"] += 1
		if not any(made.values()):
			frappe.throw(_("No opinion is waiting to be registered."), OwnerForumError)
		return made


def last_held(estate: str, but: str | None = None):
	filters = {"estate": estate, "status": HELD}
	if but:
		filters["name"] = ("!=", but)
	return frappe.db.get_value("Owner Forum", filters, "forum_date", order_by="forum_date desc")


def interval_months() -> int:
	months = get_settings().owner_forum_interval_months
	if not months:
		frappe.throw(_("Set how often owner forums are held in Property Service Settings."))
	return months


def next_due(estate: str):
	"""The estate's last forum held plus the interval; from today for an estate's first forum."""
	return relations.next_forum_due(getdate(last_held(estate) or today()), interval_months())


def plan_next_forum(estate: str) -> str:
	"""The estate's next forum: the one planned already, due again from the forum just held, or a new one."""
	due = next_due(estate)
	planned = frappe.get_all(
		"Owner Forum", filters={"estate": estate, "status": PLANNED}, pluck="name", order_by="creation"
	)
	for name in planned:
		frappe.db.set_value("Owner Forum", name, "due_by", due)
	if planned:
		return planned[0]
	forum = frappe.get_doc({"doctype": "Owner Forum", "estate": estate})
	forum.insert(ignore_permissions=True)  # planned by the app when a forum is held
	return forum.name
