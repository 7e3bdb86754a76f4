"""Who wants to hear of something (the store's changes, the undo history): subscribe returns the way to stop, and
telling them never fails the work that happened — a listener's error is logged, and the others still hear."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Listeners(Generic[T]):
    def __init__(self, what: str) -> None:
        self._what = what  # for the log: "a change listener failed"
        self._listeners: list[Callable[[T], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Callable[[T], None]) -> Callable[[], None]:
        """Adds a listener; returns the function that removes it (a window rebuilt for another language)."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def tell(self, news: T) -> None:
        """Calls every listener in this thread (the window hands the news to its own: ui/change_relay.py)."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(news)
            except Exception:  # never undoes or hides what happened
                log.exception("a %s listener failed", self._what)
