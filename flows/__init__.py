"""Prefect flows: thin wrappers over the steps in `enrich` (see flows/refresh.py)."""
