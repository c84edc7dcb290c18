"""Controller code shared by several DocTypes (as hrms keeps hrms/controllers/)."""
