"""Panel mode: the attendance register, the chair's walk-through, the minute-taker's capture
and the presentation view. The logic lives in ``panel_app.panel``; these are its screens."""
