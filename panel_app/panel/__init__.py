"""Running the panel, without Qt: the chair's walk-through (flow, progress, clock), the
attendance register, and the minute-taker's capture (the line parser and the entries it makes).

The screens in ``ui/panel/`` are thin over these modules; everything here is tested headless.
"""
