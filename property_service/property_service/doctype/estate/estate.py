from frappe.model.document import Document

from property_service.controllers import escalation_ladder


class Estate(Document):
	def onload(self):
		# ES-5: the company's ladder, in its order and with its names, and who holds each level here
		self.set_onload("escalation_ladder", escalation_ladder.holders(self))
