import frappe


class RecordKeptError(frappe.ValidationError):
	"""The rules say this record is kept: it cannot be deleted (RE-1)."""


class EscalationError(frappe.ValidationError):
	pass


class ResolutionError(frappe.ValidationError):
	pass


class HandlingNoticeError(frappe.ValidationError):
	pass


class RepairWorkOrderError(frappe.ValidationError):
	pass


class ReturnVisitError(frappe.ValidationError):
	pass


class SurveyError(frappe.ValidationError):
	pass


class PortalError(frappe.ValidationError):
	pass


class CorrectiveActionError(frappe.ValidationError):
	"""A survey's corrective action or an analysis meeting's action (property_service.controllers.corrective_action)."""


class ComplaintError(frappe.ValidationError):
	pass


class HandlingCheckError(frappe.ValidationError):
	"""The company manager's check of complaint handling (RC-5)."""
