"""The publishing workflow, the pre-commit hooks and the editors' guide stay what they promise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from sitegen.read.articles import KNOWN_KEYS

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
LOCK_REFRESH = ROOT / ".github" / "workflows" / "lock-refresh.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
MAKEFILE = ROOT / "Makefile"
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
    uses += [line for line in LOCK_REFRESH.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) == 8
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
    # exactly the lock (with the search index), then sitegen and nothing more
    assert steps["Install sitegen"]["run"].splitlines() == [
        "python -m pip install --require-hashes --no-deps -r requirements/publish.txt",
        "python -m pip install --no-deps --no-build-isolation .",
    ]
    assert steps["Set up Python 3.11"]["with"]["cache-dependency-path"] == "requirements/publish.txt"
    # a cache of rendered bodies is never restored under another converter or sanitizer
    assert "'requirements/publish.txt'" in steps["Restore the build cache"]["with"]["key"]
    assert "'requirements/publish.txt'" in steps["Restore the build cache"]["with"]["restore-keys"]
    assert steps["Restore the build cache"]["with"]["path"] == ".sitegen-cache"
    assert "--base-url" in steps["Build"]["run"]
    assert "vars.SITE_BASE_URL" in steps["Build"]["env"]["SITE_BASE_URL"]  # never inlined into the script
    assert "${{" not in steps["Build"]["run"]


def test_a_deploy_first_compares_with_the_live_sitemap() -> None:
    """After the check and before the build, on main only: every URL of the production
    sitemap (vars.SITE_BASE_URL, else site.yaml's base_url, through env) is still served."""
    steps = _workflow()["jobs"]["site"]["steps"]
    names = [step["name"] for step in steps]
    assert names.index("Check the site") + 1 == names.index("Compare with the live site") < names.index("Build")
    compare = steps[names.index("Compare with the live site")]
    assert compare["if"] == MAIN_ONLY
    assert compare["env"] == {"SITE_BASE_URL": "${{ vars.SITE_BASE_URL }}"}
    script = compare["run"]
    assert "${{" not in script  # never inlined into the script
    assert "load_config" in script  # site.yaml's base_url without the variable
    assert script.splitlines()[-1] == 'sitegen check --format github --base-url "$base" --against "${base}sitemap.xml"'


def test_pre_commit_runs_the_check_when_articles_or_profiles_change() -> None:
    data = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    [local] = [repo for repo in data["repos"] if repo["repo"] == "local"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    check = hooks["sitegen-check"]
    assert check["entry"].endswith("-m sitegen check")
    assert check["files"] == r"^(content|editors)/.*\.md$"
    assert check["pass_filenames"] is False


def test_the_guide_explains_every_front_matter_key() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"### `{key}`" in guide, f"docs/panduan-editor.md has no section on '{key}'"


def test_the_guide_explains_every_profile_key() -> None:
    from sitegen.read import profiles

    section = GUIDE.read_text(encoding="utf-8").split("## 10a. Profil penulis")[1].split("\n## ")[0]
    for key in profiles.KNOWN_KEYS:
        assert f"| `{key}` |" in section, f"docs/panduan-editor.md's profile section has no row for '{key}'"


def test_the_lock_is_refreshed_weekly_tested_and_proposed_as_a_pull_request() -> None:
    data = yaml.safe_load(LOCK_REFRESH.read_text(encoding="utf-8"))
    [schedule] = data[True]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month) == ("*", "*") and weekday.isdigit()
    assert data["permissions"] == {"contents": "read"}
    job = data["jobs"]["refresh"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert runs.index("make lock-upgrade") < next(i for i, r in enumerate(runs) if "make test" in r)
    assert "gh pr create" in runs[-1]


def _recipe(target: str) -> list[str]:
    lines = MAKEFILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        body.append(line.strip())
    return body


def test_every_make_install_uses_the_lock_with_hashes() -> None:
    install = _recipe("$(VENV)/.installed")
    assert install[1] == (
        "$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt"
    )
    assert "--no-deps --no-build-isolation -e ." in install[2]
    for target in ("build", "test", "lint", "lock", "golden", "audit"):
        line = next(line for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if line.startswith(f"{target}:"))
        assert "$(VENV)/.installed" in line or target == "test", target
    assert _recipe("lint")[0].startswith("$(VENV)/bin/ruff")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_pre_commit_hooks_run_from_the_locked_venv() -> None:
    data = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    for repo in data["repos"]:
        assert repo["repo"] == "local"
        for hook in repo["hooks"]:
            assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/"), hook["id"]
    assert "pre-commit==" in (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8")
