"""``sitegen check`` names the articles a build would hold back, as the build does."""

from __future__ import annotations

from tests.conftest import RunCli
from tests.support import MakeSite, article


def test_check_names_drafts_and_scheduled_articles_with_their_due_time(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(
        files={
            "content/2023/terbit.md": article(title="Sudah Terbit"),
            "content/2023/draf.md": article(title="Masih Draf", draft="true"),
            "content/2099/nanti.md": article(title="Terjadwal", date="2099-01-01 08:00"),
        }
    )
    result = run_cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "content/2023/draf.md: draft, not published",
        "content/2099/nanti.md: scheduled, published from Kamis, 1 Januari 2099 08.00 WITA (2099-01-01 00:00 UTC)",
        "next scheduled article is due at 2099-01-01T00:00:00Z: rebuild then to publish it",
    ]
    assert result.stdout.startswith("checked 3 articles")  # read, as ever: held back is not unchecked
