"""Monthly sampling of routine work orders for return visits. # rule RV-4"""

import math
import random
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SamplingRule:
	"""The numbers come from Property Service Settings (see visit_sample.sampling_rule)."""

	small_below: int  # fewer orders than this: a fixed small sample
	small_size: int
	large_above: int  # more orders than this: a fixed large sample
	mid_percent: float  # in between: this share, rounded up
	large_size: int
	in_person_above_percent: float  # more than this share of the sample is visited in person
	due_day: int  # visits done by this day of the next month


def sample_size(order_count: int, rule: SamplingRule) -> int:
	if order_count < rule.small_below:
		size = rule.small_size
	elif order_count <= rule.large_above:
		size = math.ceil(order_count * rule.mid_percent / 100)
	else:
		size = rule.large_size
	return min(size, order_count)


def in_person_count(size: int, rule: SamplingRule) -> int:
	"""Strictly more than the share: more than half of 4 is 3, of 5 is 3."""
	return min(size, math.floor(size * rule.in_person_above_percent / 100) + 1) if size else 0


def draw_sample(order_names: list[str], seed: int, rule: SamplingRule) -> list[tuple[str, str]]:
	"""(order, method) for each sampled order: random, and the same again for the same seed and orders."""
	population = sorted(order_names)
	chosen = random.Random(seed).sample(population, sample_size(len(population), rule))
	in_person = in_person_count(len(chosen), rule)
	return [(name, "In Person" if position < in_person else "Phone") for position, name in enumerate(chosen)]


def sample_due_date(year: int, month: int, rule: SamplingRule) -> date:
	"""The due day of the month after the sampled month."""
	return date(year + month // 12, month % 12 + 1, rule.due_day)
