"""The screens of an open audit, one module each."""
