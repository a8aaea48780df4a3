"""GitHub: stars, forks, watchers, open issues, licence, language, topics, dates, archived, renames.

Two ways to ask, chosen by whether a token is configured:

- with `GITHUB_TOKEN`: GraphQL, `POST {base}/graphql`, up to 100 repositories in one query as
  aliased `rN: repository(owner:, name:)` blocks, plus `rateLimit`. A repository GitHub does not
  know is `null` with a NOT_FOUND error *inside an HTTP 200*; a renamed one resolves to its new
  `nameWithOwner`.
- without: REST, `GET {base}/repos/{owner}/{repo}`, one request per repository, with
  `If-None-Match: <stored ETag>`, so an unchanged repository costs a 304 that does not count
  against the budget. A rename answers 301 to `/repositories/{id}`; requests follows it and the
  final `full_name` tells the new name.

Either way a rename is recorded in `repositories.renamed_to`. When the budget is spent (403/429
with `x-ratelimit-remaining: 0`, a RATE_LIMITED GraphQL error) nothing more is asked of GitHub in
this run: the rest are ERROR "rate limit exhausted, resets at …", `outcome.retry_at` is set, and
their stored values stay. Owner and repository names are checked against GitHub's alphabet
([A-Za-z0-9_.-]) before anything is sent, so a query can never be built from anything else.

`fetch` saves every answer (`ctx.save`) before anything reads it; `parse` is pure and serves a
refresh and a rebuild alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import requests

from enrich.errors import AccessRefused, RateLimited, SourceError
from enrich.http import SourceStats, epoch_iso, error_class, looks_like_html, retry_after_iso
from enrich.rawstore import RawResponse, json_value
from enrich.resolve import ResolvedEntry
from enrich.sources import base, registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, ItemStatus, Parsed
from enrich.utc import naive_utc

if TYPE_CHECKING:
    import duckdb

NAME = "github"
# GraphQL: GitHub limits a query by node count and cost; ~100 repositories a query is the
# practical limit (each costs 1 point of 5000/h whatever it holds). The registry holds it.
GRAPHQL_BATCH = registry.spec(NAME).max_batch_size
GRAPHQL_PATH = "/graphql"
REST_REPO_PATH = "/repos/{owner}/{repo}"
REST_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
# Primary rate limits (docs.github.com, "Rate limits for the REST API" / "for the GraphQL API"):
BUDGET_ANONYMOUS = 60  # REST requests an hour per IP address without a token
BUDGET_TOKEN = 5000  # REST requests, or GraphQL points, an hour with a token
# What is asked of each repository (GraphQL); REST answers all of it and more.
REPO_FIELDS = (
    "nameWithOwner url stargazerCount forkCount watchers { totalCount } "
    "issues(states: OPEN) { totalCount } licenseInfo { spdxId name } primaryLanguage { name } "
    "repositoryTopics(first: 20) { nodes { topic { name } } } description homepageUrl "
    "createdAt pushedAt isArchived"
)
RATE_LIMIT_FIELDS = "rateLimit { cost remaining resetAt limit }"
KIND_REST = "repo"
KIND_GRAPHQL = "graphql"
REPOSITORIES = "repositories"
OBSERVATIONS = "observations"
NOT_MODIFIED = "_repo_not_modified"  # a 304: the loader carries the last values forward
TABLE_KEYS = {REPOSITORIES: ("repo_key",), **base.OBSERVATION_KEYS}
METRICS = ("stars", "forks", "watchers", "open_issues")

_NAME_RE = re.compile(r"[A-Za-z0-9_.-]+")


# --- plan and fetch -----------------------------------------------------------------------------


def wanted(entry: ResolvedEntry) -> Iterator[str]:
    """The repositories ("owner/repo", lower-case) an entry links."""
    for link in entry.links:
        if link.cid.kind == NAME:
            yield link.cid.value


def stored_state(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The stored ETag of every repository last answered in full, for conditional requests."""
    rows = con.execute(
        f"SELECT repo_key, etag FROM {REPOSITORIES} WHERE etag IS NOT NULL AND status = 'ok'"
    ).fetchall()
    return {"etags": dict(rows)}


def fetch(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
    """Ask GitHub about `items` ("owner/repo", lower-case); save every answer before parsing.

    Never raises for an upstream fault: repositories that got no answer at all land in
    `outcome.failed`; those whose answer was an error are saved and reported ERROR by `parse`.
    """
    outcome = FetchOutcome(source=NAME)
    keys: list[str] = []
    for item in dict.fromkeys(items):
        if split_key(item) is None:
            message = f"not a valid GitHub owner/repo name: {item!r}; not asked"
            outcome.failed[item] = ItemStatus(NOT_FOUND, message)
            ctx.progress(1)
        else:
            keys.append(item)
    if ctx.settings.github_token:
        _fetch_graphql(keys, ctx, outcome, ctx.settings.github_token)
    else:
        _fetch_rest(keys, ctx, outcome)
    return outcome


def split_key(repo_key: str) -> tuple[str, str] | None:
    """("owner", "repo") for a valid "owner/repo", else None."""
    parts = repo_key.split("/")
    if len(parts) != 2:
        return None
    owner, name = parts
    if not all(_NAME_RE.fullmatch(p) and p not in (".", "..") for p in parts):
        return None
    return owner, name


def _fetch_rest(
    keys: list[str], ctx: FetchContext, outcome: FetchOutcome, token: str | None = None
) -> str | None:
    """One REST request per repository, while the budget lasts; returns why the run stopped
    asking, or None. With a `token` (the fallback for a batch GraphQL could not answer), the
    token's REST budget applies (5000/h) and no ETags are sent."""
    etags: Mapping[str, str] = {} if token else (ctx.state.get("etags") or {})
    stats = ctx.stats.of(ctx.source.name)
    for position, key in enumerate(keys):
        spent = _budget_spent(stats)
        if spent is not None:
            outcome.retry_at = spent or outcome.retry_at
            why = _exhausted(spent)
            _stop(outcome, keys[position:], why, ctx)
            return why
        stop = _fetch_one(key, etags.get(key), ctx, outcome, token)
        ctx.progress(1)
        if stop is not None:
            _stop(outcome, keys[position + 1 :], stop, ctx)
            return stop
    return None


def _fetch_one(
    key: str, etag: str | None, ctx: FetchContext, outcome: FetchOutcome, token: str | None = None
) -> str | None:
    """One REST request. Returns why nothing more may be asked in this run, or None."""
    owner, name = key.split("/")
    url = ctx.source.base_url + REST_REPO_PATH.format(owner=owner, repo=name)
    headers = dict(REST_HEADERS)
    if token:
        headers["Authorization"] = f"token {token}"
    if etag:
        headers["If-None-Match"] = etag
    try:
        response = base.send(ctx, "GET", url, ids=(key,), headers=headers)
    except SourceError as exc:
        return _no_answer(outcome, [key], exc, ctx)
    meta: dict[str, Any] = {"repo": key}
    if etag:
        meta["if_none_match"] = etag
    if response.history:  # a rename: 301 to /repositories/{id}
        meta["redirects"] = [
            {"status": r.status_code, "location": r.headers.get("location")}
            for r in response.history
        ]
        meta["final_url"] = ctx.session.redact(response.url)
    path = ctx.save_answer(response, kind=KIND_REST, method="GET", url=url, meta=meta)
    outcome.raw_paths.append(path)
    return _after_answer(
        response,
        [key],
        rest_problem(response.status_code, response.headers, response.content),
        outcome,
    )


def _fetch_graphql(keys: list[str], ctx: FetchContext, outcome: FetchOutcome, token: str) -> None:
    url = ctx.source.base_url + GRAPHQL_PATH
    size = max(1, min(ctx.source.batch_size, GRAPHQL_BATCH))
    batches = list(base.chunks(keys, size))
    for position, batch in enumerate(batches):
        aliases = {f"r{i}": key for i, key in enumerate(batch)}
        body = {"query": graphql_query(aliases)}
        try:
            response = base.send(
                ctx,
                "POST",
                url,
                ids=tuple(batch),
                json=body,
                headers={"Authorization": f"bearer {token}"},
            )
        except SourceError as exc:
            stop = _no_answer(outcome, batch, exc, ctx)
            unanswered = stop is None
        else:
            path = ctx.save_answer(
                response,
                kind=KIND_GRAPHQL,
                method="POST",
                url=url,
                request_body=body,
                meta={"aliases": aliases},
            )
            outcome.raw_paths.append(path)
            problem = graphql_problem(response.status_code, response.headers, response.content)
            stop = _after_answer(response, batch, problem, outcome)
            unanswered = problem is not None and stop is None
        if unanswered:
            # GraphQL could not answer this batch (a 5xx, an HTML page, no data), though it may
            # answer the next: REST with the token answers these, within its own budget.
            stop = _rest_fallback(batch, ctx, outcome, token)
        else:
            ctx.progress(len(batch))
        if stop is not None:
            _stop(outcome, [k for later in batches[position + 1 :] for k in later], stop, ctx)
            return


def _rest_fallback(
    batch: list[str], ctx: FetchContext, outcome: FetchOutcome, token: str
) -> str | None:
    for key in batch:  # REST's answers (or its own failures) stand for these now
        outcome.failed.pop(key, None)
    outcome.errors.append(
        f"{NAME}: GraphQL could not answer {len(batch)} repositories; asked REST instead"
    )
    return _fetch_rest(batch, ctx, outcome, token)


def graphql_query(aliases: Mapping[str, str]) -> str:
    """One query for every alias -> "owner/repo"; names are checked, then quoted as JSON strings
    (a GraphQL string literal with the same escapes)."""
    blocks = []
    for alias, key in aliases.items():
        split = split_key(key)
        if split is None:  # fetch never gets here with a bad key; the query is never built from one
            raise ValueError(f"not a valid GitHub owner/repo name: {key!r}")
        owner, name = split
        blocks.append(
            f"  {alias}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) "
            "{ ...repo }"
        )
    return (
        "query {\n" + "\n".join(blocks) + f"\n  {RATE_LIMIT_FIELDS}\n}}\n"
        f"fragment repo on Repository {{ {REPO_FIELDS} }}\n"
    )


def _after_answer(
    response: requests.Response, keys: list[str], problem: str | None, outcome: FetchOutcome
) -> str | None:
    """Note a saved answer's problem; returns why nothing more may be asked, or None."""
    if problem is None:
        return None
    outcome.errors.append(f"{NAME}: {problem} ({len(keys)} repositories)")
    limited = rate_limit_reset(response.status_code, response.headers, response.content)
    if limited is not None:
        outcome.retry_at = limited or retry_after_iso(response.headers) or outcome.retry_at
        return _exhausted(outcome.retry_at)
    if error_class(response.status_code, response.headers) is AccessRefused:
        return f"GitHub refused the token (HTTP {response.status_code}): check GITHUB_TOKEN"
    return None


def _no_answer(
    outcome: FetchOutcome, keys: list[str], exc: SourceError, ctx: FetchContext
) -> str | None:
    """No answer at all: fail these keys; returns why nothing more may be asked, or None."""
    if not base.record_source_error(outcome, exc, keys, ctx, unit="repositories"):
        return None
    # GitHub words its own reasons: the rest of the repositories are failed "not asked: <why>".
    if isinstance(exc, RateLimited):
        return _exhausted(outcome.retry_at)
    return f"host unreachable ({outcome.unreachable})"


def _stop(outcome: FetchOutcome, keys: list[str], why: str, ctx: FetchContext) -> None:
    base.fail_items(outcome, keys, f"not asked: {why}")
    if keys:
        outcome.errors.append(f"{NAME}: {len(keys)} repositories not asked: {why}")
        ctx.progress(len(keys))


def _budget_spent(stats: SourceStats) -> str | None:
    """ "" or the reset time when the recorded budget is spent and not yet reset; else None."""
    if stats.rate_limit_remaining != 0:
        return None
    reset = stats.rate_limit_reset
    if reset is not None and reset <= datetime.now(UTC).timestamp():
        return None  # the window has rolled over since: asking again is allowed
    return epoch_iso(str(reset)) or ""


def _exhausted(retry_at: str | None) -> str:
    return f"rate limit exhausted, resets at {retry_at or 'an unknown time'}"


# --- reading answers (pure) ---------------------------------------------------------------------


def rate_limit_reset(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """None if this answer is not "rate limit exhausted"; else when it resets (ISO time, or "")."""
    lower = {k.lower(): v for k, v in headers.items()}
    data = _json(body)
    limited = False
    if status == 200:  # GraphQL says so inside a 200
        limited = isinstance(data, dict) and any(
            e.get("type") == "RATE_LIMITED" for e in _errors(data)
        )
    else:  # REST words its limit in the message of a 403
        message = str(data.get("message", "")) if isinstance(data, dict) else ""
        limited = error_class(status, headers, message) is RateLimited
    if not limited:
        return None
    return epoch_iso(lower.get("x-ratelimit-reset")) or ""


def rest_problem(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """Why a REST answer says nothing about the repository (ERROR), or None (200, 304, 404)."""
    if status == 304:
        return None
    if status == 404:
        data = _json(body)
        if isinstance(data, dict) and data.get("message") == "Not Found":
            return None
        return "HTTP 404 that is not GitHub's 'Not Found' (wrong ENRICH_GITHUB_API_URL?)"
    problem = _status_problem(status, headers, body)
    if problem is not None:
        return problem
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("full_name"), str):
        return _not_json(headers, body, "a repository")
    return None


def graphql_problem(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """Why a GraphQL answer as a whole is unusable, or None (per-repository errors are parsed)."""
    problem = _status_problem(status, headers, body)
    if problem is not None:
        return problem
    data = _json(body)
    if not isinstance(data, dict) or not ("data" in data or "errors" in data):
        return _not_json(headers, body, "a GraphQL answer")
    if rate_limit_reset(status, headers, body) is not None:
        return _exhausted(
            epoch_iso({k.lower(): v for k, v in headers.items()}.get("x-ratelimit-reset"))
        )
    if not isinstance(data.get("data"), dict):
        messages = "; ".join(str(e.get("message", "")) for e in _errors(data))
        return f"GraphQL answered no data: {messages or 'no message'}"
    return None


def _status_problem(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    if status == 200:
        return None
    reset = rate_limit_reset(status, headers, body)
    if reset is not None:
        return _exhausted(reset) + f" (HTTP {status})"
    data = _json(body)
    message = str(data.get("message", "")) if isinstance(data, dict) else ""
    detail = f": {message}" if message else ""
    if status >= 500:
        return f"server error HTTP {status}{detail}"
    if error_class(status, headers, message) is AccessRefused:
        return f"GitHub refused the token (HTTP {status}{detail})"
    return f"unexpected HTTP {status}{detail}"


def _not_json(headers: Mapping[str, str], body: bytes, what: str) -> str:
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    if looks_like_html(body, content_type):
        return f"an HTML page where JSON was due ({content_type or 'no content type'})"
    if _json(body) is None:
        return "the answer is not complete JSON: cut off or not JSON"
    return f"the answer is JSON but not {what}"


# --- parse --------------------------------------------------------------------------------------


def parse(raw: RawResponse) -> Parsed:
    """One saved answer (REST or GraphQL) -> `repositories` and `observations` rows (or a
    `_repo_not_modified` row for a 304) and a status per repository asked. Pure."""
    if raw.kind == KIND_GRAPHQL:
        return _parse_graphql(raw)
    return _parse_rest(raw)


def _parse_rest(raw: RawResponse) -> Parsed:
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    key = str(raw.meta.get("repo") or "")
    if not key:
        return parsed
    raw_path = str(raw.path)
    problem = rest_problem(raw.status, raw.headers, raw.body)
    if problem is not None:
        parsed.statuses[key] = ItemStatus(ERROR, f"{NAME}: {problem}")
    elif raw.status == 304:
        etag = raw.headers.get("etag") or raw.meta.get("if_none_match")
        parsed.add(
            NOT_MODIFIED,
            {"repo_key": key, "observed_at": fetched_at, "raw_path": raw_path, "etag": etag},
        )
        parsed.statuses[key] = ItemStatus(OK, "not modified (304)")
    elif raw.status == 404:
        parsed.add(REPOSITORIES, _not_found_row(key, fetched_at, raw_path))
        parsed.statuses[key] = ItemStatus(NOT_FOUND, "GitHub: Not Found (deleted, private or typo)")
    else:
        repo = _rest_fields(_json(raw.body))
        _add_repo(parsed, key, repo, raw.headers.get("etag"), fetched_at, raw_path)
    return parsed


def _parse_graphql(raw: RawResponse) -> Parsed:
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    aliases = {str(a): str(k) for a, k in (raw.meta.get("aliases") or {}).items()}
    raw_path = str(raw.path)
    problem = graphql_problem(raw.status, raw.headers, raw.body)
    if problem is not None:
        for key in aliases.values():
            parsed.statuses[key] = ItemStatus(ERROR, f"{NAME}: {problem}")
        return parsed
    answer = _json(raw.body)
    data = answer.get("data") or {}
    by_alias: dict[str, list[dict[str, Any]]] = {}
    general: list[dict[str, Any]] = []
    for error in _errors(answer):
        path = error.get("path")
        head = path[0] if isinstance(path, list) and path else None
        if isinstance(head, str) and head in aliases:
            by_alias.setdefault(head, []).append(error)
        else:
            general.append(error)
    for alias, key in aliases.items():
        node = data.get(alias)
        errors = by_alias.get(alias, [])
        if isinstance(node, dict):
            _add_repo(parsed, key, _graphql_fields(node), None, fetched_at, raw_path)
        elif errors and all(e.get("type") == "NOT_FOUND" for e in errors):
            parsed.add(REPOSITORIES, _not_found_row(key, fetched_at, raw_path))
            parsed.statuses[key] = ItemStatus(NOT_FOUND, f"GitHub: {_messages(errors)}")
        else:
            why = _messages(errors or general) or "no data and no error for this repository"
            parsed.statuses[key] = ItemStatus(ERROR, f"{NAME}: {why}")
    return parsed


def _rest_fields(data: Any) -> dict[str, Any]:
    """The REST repository JSON in the shape both APIs share."""
    licence = data.get("license") if isinstance(data.get("license"), dict) else {}
    return {
        "full_name": data.get("full_name"),
        "description": data.get("description"),
        "homepage": data.get("homepage"),
        "language": data.get("language"),
        "license": licence.get("spdx_id"),
        "topics": [str(t) for t in data.get("topics") or []],
        "created_at": data.get("created_at"),
        "pushed_at": data.get("pushed_at"),
        "archived": data.get("archived"),
        "stars": data.get("stargazers_count"),
        "forks": data.get("forks_count"),
        "watchers": data.get("subscribers_count"),  # watchers_count is the star count (quirk)
        # REST counts open pull requests among open issues; GraphQL's issues(states: OPEN) not.
        "open_issues": data.get("open_issues_count"),
    }


def _graphql_fields(node: Mapping[str, Any]) -> dict[str, Any]:
    def inner(name: str, field: str) -> Any:
        value = node.get(name)
        return value.get(field) if isinstance(value, dict) else None

    topics = inner("repositoryTopics", "nodes") or []
    return {
        "full_name": node.get("nameWithOwner"),
        "description": node.get("description"),
        "homepage": node.get("homepageUrl"),
        "language": inner("primaryLanguage", "name"),
        "license": inner("licenseInfo", "spdxId"),
        "topics": [
            str(t["topic"]["name"])
            for t in topics
            if isinstance(t, dict) and isinstance(t.get("topic"), dict) and t["topic"].get("name")
        ],
        "created_at": node.get("createdAt"),
        "pushed_at": node.get("pushedAt"),
        "archived": node.get("isArchived"),
        "stars": node.get("stargazerCount"),
        "forks": node.get("forkCount"),
        "watchers": inner("watchers", "totalCount"),
        "open_issues": inner("issues", "totalCount"),
    }


def _add_repo(
    parsed: Parsed,
    key: str,
    repo: Mapping[str, Any],
    etag: str | None,
    fetched_at: datetime,
    raw_path: str,
) -> None:
    full_name = str(repo["full_name"]) if repo.get("full_name") else None
    renamed_to = full_name if full_name and full_name.lower() != key.lower() else None
    row: dict[str, Any] = {
        "repo_key": key,
        "full_name": full_name,
        "renamed_to": renamed_to,
        "status": "ok",
        "description": base.text_or_none(repo.get("description")),
        "homepage": base.url_or_none(repo.get("homepage")),
        "language": base.text_or_none(repo.get("language")),
        "license": base.text_or_none(repo.get("license")),
        "topics": list(repo.get("topics") or []),
        "created_at": _timestamp(repo.get("created_at")),
        "pushed_at": _timestamp(repo.get("pushed_at")),
        "archived": repo.get("archived") if isinstance(repo.get("archived"), bool) else None,
        "open_issues": _int(repo.get("open_issues")),
        "watchers": _int(repo.get("watchers")),
        "fetched_at": fetched_at,
        "raw_path": raw_path,
    }
    if etag is not None:  # GraphQL has no ETag: leave the stored one (REST) as it is
        row["etag"] = etag
    parsed.add(REPOSITORIES, row)
    for metric in METRICS:
        value = _int(repo.get(metric))
        if value is not None:
            parsed.add(
                OBSERVATIONS,
                base.observation_row("repo", key, metric, value, fetched_at, NAME, raw_path),
            )
    parsed.statuses[key] = ItemStatus(OK, f"renamed to {renamed_to}" if renamed_to else None)


def _not_found_row(key: str, fetched_at: datetime, raw_path: str) -> dict[str, Any]:
    return {"repo_key": key, "status": "not_found", "fetched_at": fetched_at, "raw_path": raw_path}


# --- small helpers ------------------------------------------------------------------------------


def _json(body: bytes) -> Any:
    try:
        return json_value(body)
    except ValueError:
        return None


def _errors(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    errors = answer.get("errors")
    return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


def _messages(errors: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{e.get('type') or 'error'}: {e.get('message') or 'no message'}" for e in errors
    )


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return naive_utc(moment)


