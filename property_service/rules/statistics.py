"""Figures the reports compute from what the database has already counted."""


def percentile_cont(counts: list[tuple[float, int]], fraction: float) -> float | None:
	"""The continuous percentile, as SQL's PERCENTILE_CONT, of values given as (value, how many) in order."""
	total = sum(n for _value, n in counts)
	if not total:
		return None
	position = fraction * (total - 1)
	below, above = int(position), min(int(position) + 1, total - 1)
	low = high = None
	seen = 0
	for value, n in counts:
		if low is None and below < seen + n:
			low = value
		if above < seen + n:
			high = value
			break
		seen += n
	return low + (high - low) * (position - below)
