"""Publish a release as a GitHub Release (optional: `publish.github_repo` in the config).

GitHub's REST API (https://docs.github.com/rest/releases):

1. ``POST {github_api}/repos/{owner}/{repo}/releases`` with the tag ``catalogue-<release name>``
   and CHANGES.md as the description → 201 with the release, whose ``upload_url`` is a URI
   template such as ``https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}``.
   If the tag exists already (a publish that stopped half-way), the existing release is used and
   the files it already has are not uploaded again.
2. ``POST`` each file's bytes to ``upload_url`` with ``?name=<file>`` and its Content-Type → 201.

The API base is the GitHub source's base URL (``ENRICH_GITHUB_API_URL``: GitHub Enterprise, or the
tests' server on 127.0.0.1); the upload base comes from the answer, so uploads.github.com needs no
setting. The token travels only in the Authorization header, and only to the API host or its
uploads host: an upload_url pointing anywhere else is refused. It is never written to a file or a
message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from enrich.config import Settings
from enrich.errors import ConfigError, EnrichError
from enrich.redact import redact
from enrich.release.names import CHANGES_NAME, iter_release_files

TAG_PREFIX = "catalogue-"
GITHUB_API_VERSION = "2022-11-28"
MAX_BODY_CHARS = 100_000  # GitHub refuses release bodies over 125,000 characters
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".parquet": "application/vnd.apache.parquet",
    ".bib": "application/x-bibtex; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
_TEMPLATE = re.compile(r"\{[^}]*\}")


class PublishError(EnrichError):
    """GitHub did not accept the release or one of its files."""


def publish_release(settings: Settings, release_dir: Path, session: requests.Session) -> str:
    """Upload the files of `release_dir` to a GitHub Release; returns the release's html_url."""
    repo = settings.publish_repo
    if not repo or repo.count("/") != 1:
        raise ConfigError("publishing needs publish.github_repo: owner/repo in the config")
    if not settings.github_token:
        raise ConfigError("publishing needs GITHUB_TOKEN in the environment")
    api = settings.sources["github"].base_url.rstrip("/")
    headers = {
        "Authorization": f"Bearer {settings.github_token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": GITHUB_API_VERSION,
    }
    tag = TAG_PREFIX + release_dir.name
    release = _create_or_find(session, settings, api, repo, tag, release_dir, headers)
    upload_url = str(release.get("upload_url") or "")
    _check_upload_host(api, upload_url)
    existing = {asset.get("name") for asset in release.get("assets") or []}
    for path in iter_release_files(release_dir):
        if path.name in existing:
            continue
        target = _TEMPLATE.sub("", upload_url) + "?name=" + quote(path.name)
        response = session.post(
            target,
            data=path.read_bytes(),
            headers={
                **headers,
                "Content-Type": CONTENT_TYPES.get(path.suffix, "application/octet-stream"),
            },
        )
        if response.status_code != 201:
            raise PublishError(_failure(settings, f"upload of {path.name}", response))
    return str(release.get("html_url") or "")


def _create_or_find(
    session: requests.Session,
    settings: Settings,
    api: str,
    repo: str,
    tag: str,
    release_dir: Path,
    headers: dict[str, str],
) -> dict[str, Any]:
    changes = release_dir / CHANGES_NAME
    body = changes.read_text(encoding="utf-8") if changes.is_file() else ""
    response = session.post(
        f"{api}/repos/{repo}/releases",
        json={
            "tag_name": tag,
            "name": f"Catalogue {release_dir.name}",
            "body": body[:MAX_BODY_CHARS],
            "draft": False,
            "prerelease": False,
        },
        headers=headers,
    )
    if response.status_code == 201:
        return _json_object(settings, response, "create release")
    if response.status_code == 422 and "already_exists" in response.text:
        found = session.get(f"{api}/repos/{repo}/releases/tags/{quote(tag)}", headers=headers)
        if found.status_code == 200:
            return _json_object(settings, found, "find release")
        raise PublishError(_failure(settings, f"find release {tag}", found))
    raise PublishError(_failure(settings, f"create release {tag} in {repo}", response))


def _check_upload_host(api: str, upload_url: str) -> None:
    """The token may go to the API host or its uploads host (api.X → uploads.X), nowhere else."""
    api_parts, upload_parts = urlsplit(api), urlsplit(upload_url)
    api_host = api_parts.netloc.lower()
    allowed = {api_host, "uploads." + api_host.removeprefix("api.")}
    secure_enough = upload_parts.scheme == "https" or upload_parts.scheme == api_parts.scheme
    if upload_parts.netloc.lower() not in allowed or not secure_enough:
        raise PublishError(
            f"GitHub answered an upload_url on {upload_parts.scheme}://{upload_parts.netloc}, "
            f"which is not {api_parts.netloc} or its uploads host: not sending the token there"
        )


def _json_object(settings: Settings, response: requests.Response, what: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise PublishError(_failure(settings, f"{what}: not a JSON object", response))
    return data


def _failure(settings: Settings, what: str, response: requests.Response) -> str:
    # Redacted before it is cut: a secret cut in half would no longer match.
    body = redact(response.text, settings.secrets())[:200]
    return redact(f"{what}: HTTP {response.status_code}: {body!r}", settings.secrets())
