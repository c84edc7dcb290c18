"""The company's manager checks how complaints were handled: a sample of the complaints closed in a
period (seed 002: 物业公司经理负责对投诉处理的效果进行检查). # rule RC-5"""

import random
from collections.abc import Iterable


def draw_check_sample(closed: Iterable[str], size: int, seed: int, always: Iterable[str] = ()) -> list[str]:
	"""The complaints to check: every one of `always` that was closed (the Major ones), then `size` more
	drawn at random from the rest; the same again for the same seed and complaints."""
	population = sorted(set(closed))
	first = [name for name in sorted(set(always)) if name in population]
	rest = [name for name in population if name not in first]
	drawn = random.Random(seed).sample(rest, min(max(size, 0), len(rest)))
	return first + sorted(drawn)


def check_status(action_statuses: Iterable[str]) -> str:
	"""A submitted check is under way while one of its actions is open, and completed once all are done
	(at once when its findings called for none)."""
	return "Actions Under Way" if any(status != "Rectified" for status in action_statuses) else "Completed"
