"""The GitHub Actions workflow template shipped with the package (workflow_template.yml)."""

from __future__ import annotations

from importlib import resources


def workflow_template() -> str:
    return resources.files(__package__).joinpath("workflow_template.yml").read_text(encoding="utf-8")
