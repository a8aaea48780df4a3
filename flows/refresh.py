"""The deployment entrypoint of prefect.yaml (`flows/refresh.py:refresh_flow`): the flow itself
lives in the installed package, `enrich.flow`, so the CLI and the deployments run the same one
and nothing named `flows` is installed. Run it by hand with `python flows/refresh.py`."""

from enrich.flow import refresh_flow

__all__ = ["refresh_flow"]

if __name__ == "__main__":
    refresh_flow()
