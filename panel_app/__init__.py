"""Audit Panel: run a multi-agency case audit panel and publish what it agreed."""

__version__ = "0.1.0"
