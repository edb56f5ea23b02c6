"""Domain services: plain functions taking a SQLAlchemy session as their first argument.

They validate what they are given and raise ``panel_app.errors.DomainError`` with a
plain-English message; the caller's transaction then rolls back, so nothing half-written stays.
"""
