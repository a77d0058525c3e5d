"""Actions asked for in Python (roll, play, ...) as synced state, so a view that appears later still gets them."""

from __future__ import annotations

import traitlets

__all__ = ["Actions"]


class Actions(traitlets.HasTraits):
    """Mixin for a widget: `_act(name)` bumps `_action`; the front end sets `_acted` once it has done it."""

    _action = traitlets.Dict({"name": "", "id": 0}).tag(sync=True)
    _acted = traitlets.Int(0).tag(sync=True)

    def _act(self, name: str) -> None:
        self._action = {"name": name, "id": int(self._action["id"]) + 1}

    @property
    def pending_action(self) -> str | None:
        """The action no view has done yet (None when every action has been done)."""
        return self._action["name"] if self._action["id"] > self._acted else None
