"""Benchmarks of a refresh: requests, time and memory, from one list to ten thousand entries.

`python -m bench.run --help`; see bench/README.md.
"""
