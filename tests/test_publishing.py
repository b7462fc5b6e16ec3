"""The publishing workflow, the pre-commit hooks and the editors' guide stay what they promise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from sitegen.articles import KNOWN_KEYS

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
GUIDE = ROOT / "docs" / "panduan-editor.md"
MAIN_ONLY = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflow_triggers_and_hourly_schedule() -> None:
    data = _workflow()
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers
    assert "workflow_dispatch" in triggers
    [schedule] = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour == "*" and rest == ["*", "*", "*"]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    uses = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) == 6
    for line in uses:
        assert re.fullmatch(r"\s*(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_least_privilege_and_pull_requests_only_check() -> None:
    data = _workflow()
    assert data["permissions"] == {"contents": "read"}
    site, deploy = data["jobs"]["site"], data["jobs"]["deploy"]
    assert "permissions" not in site
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == MAIN_ONLY and deploy["needs"] == "site"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = {step["name"]: step for step in site["steps"]}
    assert steps["Check the site"]["run"] == "sitegen check --format github"
    assert "if" not in steps["Check the site"]
    for name in ("Restore the build cache", "Build", "Upload the site"):
        assert steps[name]["if"] == MAIN_ONLY, name
    assert steps["Set up Python 3.11"]["with"]["python-version"] == "3.11"
    assert steps["Install sitegen"]["run"] == "python -m pip install '.[search]'"  # with the search index
    assert steps["Restore the build cache"]["with"]["path"] == ".sitegen-cache"
    assert "--base-url" in steps["Build"]["run"]
    assert "vars.SITE_BASE_URL" in steps["Build"]["env"]["SITE_BASE_URL"]  # never inlined into the script
    assert "${{" not in steps["Build"]["run"]


def test_pre_commit_runs_the_check_when_articles_change() -> None:
    data = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    [local] = [repo for repo in data["repos"] if repo["repo"] == "local"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    check = hooks["sitegen-check"]
    assert check["entry"].endswith("-m sitegen check")
    assert check["files"] == r"^content/.*\.md$"
    assert check["pass_filenames"] is False


def test_the_guide_explains_every_front_matter_key() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"### `{key}`" in guide, f"docs/panduan-editor.md has no section on '{key}'"
