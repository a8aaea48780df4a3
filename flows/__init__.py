"""Prefect deployment entrypoints (prefect.yaml); not installed: the flows live in `enrich.flow`."""
