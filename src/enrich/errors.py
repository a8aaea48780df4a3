"""The error tree of enrich.

    EnrichError                  anything enrich raises on purpose; the CLI prints it as one line
    ├── ConfigError              bad configuration or usage (exit 2)
    ├── BusyError                another refresh holds the warehouse (exit 2)
    ├── WarehouseError           the warehouse could not be opened, migrated or written (exit 1)
    └── SourceError              an upstream answered badly or not at all, for one source
        ├── SourceUnreachable    refused connection, timeout: nothing was said
        │   └── HostDown         the host cannot be reached at all (DNS, refused, connect
        │                        timeout, 5xx after 5xx): the session asks it nothing more
        ├── RateLimited          the service said "not now" and the budget to wait ran out
        ├── AccessRefused        the service refused our credential (401; S2: 403 too)
        └── BadPayload           an answer that is not what was asked (HTML for XML, truncated)

Every SourceError carries its source, the URL without secrets, the status and the ids concerned,
so a summary can name what failed without a traceback. Two class attributes say what a source
does with one, so no source decides it with its own `if`s:

- `transient`: asking again later (the next run) may succeed. Only a refused credential is
  terminal: it stays refused until someone changes the configuration.
- `stops_source`: every later request of this run would fail alike (a rate limit, a host given
  up on, a refused credential): the source asks nothing more in this run. Any other error
  concerns the ids of its request only.
"""

from __future__ import annotations


class EnrichError(Exception):
    """Base of every error enrich raises on purpose."""

    exit_code = 1


class ConfigError(EnrichError):
    exit_code = 2


class BusyError(EnrichError):
    exit_code = 2


class WarehouseError(EnrichError):
    exit_code = 1


class SourceError(EnrichError):
    """An upstream fault for one source: recorded per id, never turned into 'not found'."""

    transient = True
    stops_source = False

    def __init__(
        self,
        message: str,
        *,
        source: str,
        url: str | None = None,
        status: int | None = None,
        ids: tuple[str, ...] = (),
        retry_at: str | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.url = url
        self.status = status
        self.ids = ids
        self.retry_at = retry_at

    @property
    def kind(self) -> str:
        return type(self).__name__

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields would be lost by the default pickling; Prefect and Dask pickle errors.
        return (
            _rebuild_source_error,
            (type(self), str(self), self.source, self.url, self.status, self.ids, self.retry_at),
        )


def _rebuild_source_error(
    cls: type[SourceError],
    message: str,
    source: str,
    url: str | None,
    status: int | None,
    ids: tuple[str, ...],
    retry_at: str | None,
) -> SourceError:
    return cls(message, source=source, url=url, status=status, ids=ids, retry_at=retry_at)


class SourceUnreachable(SourceError):
    pass


class HostDown(SourceUnreachable):
    stops_source = True


class RateLimited(SourceError):
    stops_source = True


class AccessRefused(SourceError):
    transient = False
    stops_source = True


class BadPayload(SourceError):
    pass
