"""What the template needs: see property_service.controllers.notifications.resident_context."""

from property_service.controllers.notifications import resident_context


def get_context(context):
	return resident_context(context["doc"])
