from property_service.property_service.notification.technician_dispatched.technician_dispatched import (
	get_context,
)

__all__ = ["get_context"]
