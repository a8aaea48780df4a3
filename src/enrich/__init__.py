"""enrich: keep curated research lists alive.

Reads an "awesome list", resolves every paper and code link to a canonical id, enriches them from
arXiv, Semantic Scholar, GitHub and the ACL Anthology, and keeps the result in DuckDB.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("enrich")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
