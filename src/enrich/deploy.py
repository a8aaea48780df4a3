"""`enrich deploy`: everything production needs on a Prefect server, created in one go.

Against the server at PREFECT_API_URL, idempotently (run it again after editing prefect.yaml):

1. the process work pool `enrich-pool` that prefect.yaml names;
2. the global concurrency limit `enrich-refresh` (one slot) that every deployment's run takes,
   so the nightly and an ad hoc run never overlap: the second waits;
3. with a webhook URL, the notification block `enrich-alerts` (a Custom Webhook) and the
   automation `enrich: refresh failed, crashed or stale`, which sends it on every run of the
   flow that ends Failed, Crashed, TimedOut, Stale or Busy;
4. with `store_secrets`, the Secret blocks `enrich-github-token` / `enrich-s2-api-key` from this
   environment's GITHUB_TOKEN / S2_API_KEY (a deployment run reads them when its worker's
   environment has none);
5. the deployments of prefect.yaml (`prefect deploy --all` in the project directory, which the
   worker will run the flow from).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from enrich.errors import ConfigError, EnrichError
from enrich.flow import FLOW_NAME, GLOBAL_LIMIT, SECRET_BLOCKS

POOL = "enrich-pool"
ALERT_BLOCK = "enrich-alerts"
AUTOMATION = "enrich: refresh failed, crashed or stale"
# The flow-run events (prefect.flow-run.<state name>) that reach a person.
ALERT_STATES = ("Failed", "Crashed", "TimedOut", "Stale", "Busy")
ALERT_SUBJECT = "enrich: {{ flow_run.name }} ended {{ flow_run.state.name }}"
ALERT_BODY = (
    "Flow run {{ flow_run.name }} of {{ flow.name }}"
    "{% if deployment %} (deployment {{ deployment.name }}){% endif %} ended in state "
    "{{ flow_run.state.name }} ({{ flow_run.state.type.value }}): {{ flow_run.state.message }}"
)


def deploy(
    project: Path,
    *,
    webhook: str | None = None,
    store_secrets: bool = False,
    deployments: bool = True,
) -> list[str]:
    """Set up the server at PREFECT_API_URL; returns one line per thing done."""
    from prefect.settings import get_current_settings

    api = get_current_settings().api.url
    if not api:
        raise ConfigError(
            "enrich deploy needs a Prefect server: prefect config set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (and `prefect server start` running)"
        )
    if deployments and not (project / "prefect.yaml").is_file():
        raise ConfigError(f"no prefect.yaml in {project}: run enrich deploy from the project")
    done = [f"Prefect server: {api}", ensure_pool(project)]
    done.append(ensure_global_limit())
    if webhook:
        done.append(save_webhook_block(webhook))
    done.append(ensure_automation())
    if store_secrets:
        done += store_secret_blocks(dict(os.environ))
    if deployments:
        done.append(deploy_all(project))
    return done


def prefect_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    prefect = Path(sys.executable).with_name("prefect")
    return subprocess.run(
        [str(prefect), "--no-prompt", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def ensure_pool(project: Path) -> str:
    if prefect_cli(project, "work-pool", "inspect", POOL).returncode == 0:
        return f"work pool {POOL}: exists"
    created = prefect_cli(project, "work-pool", "create", POOL, "--type", "process")
    if created.returncode != 0:
        raise EnrichError(f"cannot create the work pool {POOL}: {_last_line(created)}")
    return f"work pool {POOL}: created (type process)"


def ensure_global_limit() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import (
        GlobalConcurrencyLimitCreate,
        GlobalConcurrencyLimitUpdate,
    )
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            limit = client.read_global_concurrency_limit_by_name(GLOBAL_LIMIT)
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=GLOBAL_LIMIT, limit=1)
            )
            return f"global concurrency limit {GLOBAL_LIMIT}: created (1 slot)"
        if limit.limit != 1 or not limit.active:
            client.update_global_concurrency_limit(
                GLOBAL_LIMIT, GlobalConcurrencyLimitUpdate(limit=1, active=True)
            )
            return f"global concurrency limit {GLOBAL_LIMIT}: set to 1 slot"
    return f"global concurrency limit {GLOBAL_LIMIT}: exists (1 slot)"


def save_webhook_block(url: str) -> str:
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    block = CustomWebhookNotificationBlock(
        name="enrich",
        url=url,
        method="POST",
        json_data={"subject": "{{subject}}", "body": "{{body}}"},
        headers=None,
        cookies=None,
    )
    block.save(ALERT_BLOCK, overwrite=True)
    return f"notification block {ALERT_BLOCK}: saved (POST to the webhook)"


def _alert_block_id() -> Any:
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    try:
        block: Any = CustomWebhookNotificationBlock.load(ALERT_BLOCK)
    except ValueError:
        return None
    return block._block_document_id


def ensure_automation() -> str:
    from prefect.automations import Automation, EventTrigger, Posture, SendNotification

    block_id = _alert_block_id()
    if block_id is None:
        return f"automation: not created (no notification block {ALERT_BLOCK}: give --webhook URL)"
    automation = Automation(
        name=AUTOMATION,
        description="Tell a person when a refresh did not fully succeed.",
        trigger=EventTrigger(
            expect={f"prefect.flow-run.{state}" for state in ALERT_STATES},
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.role": "flow", "prefect.resource.name": FLOW_NAME},
            posture=Posture.Reactive,
            threshold=1,
            within=timedelta(0),
        ),
        actions=[
            SendNotification(block_document_id=block_id, subject=ALERT_SUBJECT, body=ALERT_BODY)
        ],
    )
    existing: Any
    try:
        existing = Automation.read(name=AUTOMATION)
    except ValueError:
        existing = None
    if existing is not None:
        automation.id = existing.id
        automation.update()
        return f"automation '{AUTOMATION}': updated"
    automation.create()
    states = ", ".join(ALERT_STATES)
    return f"automation '{AUTOMATION}': created (notifies on {states})"


def store_secret_blocks(env: dict[str, str]) -> list[str]:
    from prefect.blocks.system import Secret
    from pydantic import SecretStr

    done = []
    for variable, block in SECRET_BLOCKS.items():
        if env.get(variable):
            Secret(value=SecretStr(env[variable])).save(block, overwrite=True)
            done.append(f"secret block {block}: saved from ${variable}")
    return done or ["secret blocks: none saved (GITHUB_TOKEN / S2_API_KEY not set)"]


def deploy_all(project: Path) -> str:
    result = prefect_cli(project, "deploy", "--all")
    if result.returncode != 0:
        raise EnrichError(f"prefect deploy --all failed: {_last_line(result)}")
    return f"deployments of {project / 'prefect.yaml'}: nightly, adhoc (runs from {project})"


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"exit {result.returncode}"
