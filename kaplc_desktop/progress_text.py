"""What a progress dialog says besides its bar: the step, "n of N" (or a percentage for bytes), and the time
left once there is enough to go on. Headless, so it is the same for every long piece of work."""

from __future__ import annotations

from .i18n import _

COUNT_LIMIT = 100_000  # above this the units are bytes, not things a person counts: a percentage reads better
MIN_SECONDS = 1.5  # before this, a time-left guess jumps around too much to show


def time_left(seconds: float) -> str:
    if seconds < 60:
        return _("about {n} seconds left").format(n=max(1, round(seconds / 5) * 5 if seconds > 10 else round(seconds)))
    return _("about {n} minutes left").format(n=round(seconds / 60))


def progress_text(message: str, done: int, total: int, elapsed: float) -> str:
    """message, then "12 of 85 · about 20 seconds left" (what can be known so far)."""
    parts = []
    if total > 1:
        if total >= COUNT_LIMIT:
            parts.append(f"{min(100, done * 100 // total)}%")
        else:
            parts.append(_("{done} of {total}").format(done=min(done, total), total=total))
    if total > 0 and 0 < done < total and elapsed >= MIN_SECONDS:
        parts.append(time_left(elapsed * (total - done) / done))
    detail = " · ".join(parts)
    return f"{message}\n{detail}" if message and detail else message or detail
