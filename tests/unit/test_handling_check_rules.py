"""The manager's check of complaint handling: which closed complaints are checked, and where the check
stands. # rule RC-5"""

from property_service.rules.handling_checks import check_status, draw_check_sample

CLOSED = [f"CMP-2026-{n:05d}" for n in range(1, 31)]


def test_every_major_complaint_is_checked_and_the_rest_sampled():
	sample = draw_check_sample(CLOSED, 5, seed=42, always=["CMP-2026-00007", "CMP-2026-00020"])
	assert sample[:2] == ["CMP-2026-00007", "CMP-2026-00020"]
	assert len(sample) == 7 and len(set(sample)) == 7 and set(sample) <= set(CLOSED)


def test_the_same_seed_draws_the_same_sample_whatever_the_order():
	first = draw_check_sample(CLOSED, 5, seed=7)
	assert draw_check_sample(list(reversed(CLOSED)), 5, seed=7) == first
	assert any(draw_check_sample(CLOSED, 5, seed=seed) != first for seed in range(8, 20))


def test_a_sample_larger_than_the_closed_complaints_takes_them_all():
	assert draw_check_sample(CLOSED[:3], 5, seed=1) == CLOSED[:3]
	assert draw_check_sample([], 5, seed=1) == []
	assert draw_check_sample(CLOSED, 0, seed=1, always=["CMP-2026-00003"]) == ["CMP-2026-00003"]


def test_a_major_complaint_not_closed_in_the_period_is_not_added():
	assert draw_check_sample(CLOSED[:2], 0, seed=1, always=["CMP-2025-00001"]) == []


def test_a_check_is_under_way_until_every_action_is_done():
	assert check_status([]) == "Completed"
	assert check_status(["Rectified", "Rectifying"]) == "Actions Under Way"
	assert check_status(["Rectified", "Rectified"]) == "Completed"
