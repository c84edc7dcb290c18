from types import SimpleNamespace

from property_service.rules.quotas import QUOTA_ROLES, role_quotas, visits_by_quota


def test_each_visitor_role_counts_towards_its_quota():  # rule RV-5
	done = {
		"Property Manager": 2,
		"Service Centre Manager": 3,
		"Office Director": 1,
		"Customer Service Supervisor": 4,
		"Maintenance Lead": 5,
		"Customer Service Assistant": 30,  # no quota
	}
	assert visits_by_quota(done) == {"Manager": 6, "Supervisor": 4, "Maintenance Lead": 5}
	assert visits_by_quota({}) == {quota: 0 for quota in QUOTA_ROLES}


def test_role_quotas_read_their_targets_from_the_settings():  # rule RV-5
	settings = SimpleNamespace(quota_manager=10, quota_supervisor=30, quota_maintenance_lead=60)
	results = {
		r.role: r
		for r in role_quotas(40, {"Office Director": 4, "Customer Service Supervisor": 12}, settings)
	}
	assert results["Manager"].share_percent == 10.0 and results["Manager"].met
	assert results["Supervisor"].share_percent == 30.0 and results["Supervisor"].met
	assert results["Maintenance Lead"].visits == 0 and not results["Maintenance Lead"].met
	assert [r.target_percent for r in results.values()] == [10, 30, 60]
