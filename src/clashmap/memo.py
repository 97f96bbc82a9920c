"""A bounded memo: the same few hundred names are looked up again and again in a run."""
from __future__ import annotations

from typing import Any, Callable


def remember(memo: dict, key: Any, compute: Callable[[], Any], limit: int) -> Any:
    """memo[key], computing it once; the memo is emptied when it passes `limit` entries, so that
    very long runs keep a bounded memory. The value is shared: read it, never change it."""
    try:
        return memo[key]
    except KeyError:
        pass
    if len(memo) > limit:
        memo.clear()
    value = memo[key] = compute()
    return value
