from property_service.property_service.notification.complaint_remedial_measures.complaint_remedial_measures import (
	get_context,
)

__all__ = ["get_context"]
