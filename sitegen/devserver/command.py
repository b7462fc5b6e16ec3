"""The ``sitegen serve`` command: a DevServer run until Ctrl-C or SIGTERM.

The preview listens on 127.0.0.1 unless told otherwise; any other address is warned about,
as the preview (with its drafts and future articles) is then reachable from other machines.
"""

from __future__ import annotations

import contextlib
import ipaddress
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import click

from sitegen.config import CONFIG_FILE, messages_translator
from sitegen.devserver.server import DevServer
from sitegen.errors import SitegenError
from sitegen.i18n import Message, msg


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> Message | None:
    """The warning printed when the preview is reachable from other machines, or None."""
    if is_loopback(host):
        return None
    return msg(
        "warning: serving on {host}: the preview (with any drafts and future articles you asked for) is "
        "reachable from other machines on the network; sitegen serve is a development server, leave out "
        "--host to keep it on 127.0.0.1",
        host=host or msg("every address"),
    )


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a process manager, ``kill``) stops the server as cleanly as Ctrl-C."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command("serve")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path))
@click.option(
    "--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--drafts", is_flag=True, help="Include drafts in the preview.")
@click.option("--future", is_flag=True, help="Include articles dated in the future in the preview.")
@click.option(
    "--search", is_flag=True, help="Build the search index too (a save makes again the shard of a changed article)."
)
def serve_command(site_dir: Path, port: int, host: str, drafts: bool, future: bool, search: bool) -> None:
    """Build SITE_DIR, serve it on 127.0.0.1 and rebuild on every save; the browser reloads
    by itself. The preview is built in the cache folder, never into the output folder."""
    translate = messages_translator(click.get_current_context(), site_dir)
    if not (site_dir / CONFIG_FILE).is_file():
        raise SitegenError(msg("no {file} in {folder}: is this a site folder?", file=CONFIG_FILE, folder=str(site_dir)))
    warning = exposure_warning(host)
    if warning:
        click.echo(translate(warning), err=True)
    server = DevServer(site_dir, host, port, drafts=drafts, future=future, search=search)
    with _sigterm_as_interrupt():
        try:
            server.start()
            serving = msg("Serving {folder} on {url} (Ctrl-C to stop)", folder=str(server.site_dir), url=server.url)
            click.echo(translate(serving))
            server.wait()
        except KeyboardInterrupt:
            click.echo(translate(msg("stopping…")), err=True)
        finally:
            server.stop()
    click.echo(translate(msg("stopped")))
