"""What the template needs: see property_service.notifications.resident_context."""

from property_service.notifications import resident_context


def get_context(context):
	return resident_context(context["doc"])
