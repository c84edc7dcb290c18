from property_service.property_service.notification.return_visit_asks_your_view.return_visit_asks_your_view import (
	get_context,
)

__all__ = ["get_context"]
