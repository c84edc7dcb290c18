from datetime import datetime, time, timedelta

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from property_service.controllers.return_visits import schedule_visit
from property_service.property_service.doctype.property_service_settings.property_service_settings import (
	get_settings,
)


class DecorationCompletion(Document):
	def validate(self):
		if getdate(self.completed_on) > getdate():
			frappe.throw(_("A decoration is recorded once it has completed."))

	def after_insert(self):
		"""RV-3: a return visit within a week of the decoration completing."""
		days = get_settings().visit_days_decoration
		schedule_visit(
			self,
			visit_kind="Decoration",
			due_on=datetime.combine(getdate(self.completed_on) + timedelta(days=days), time(23, 59, 59)),
			visitor=frappe.session.user,
			visitor_role="Customer Service Assistant",
		)
