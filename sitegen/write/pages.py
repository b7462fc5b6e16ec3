"""Rendering the pages into the tree being prepared, spread over forked workers.

A PageRenderer carries what every worker needs: the compiled layouts, the tree and the pages
by output file. parallel_map forks after it exists, so each worker has its own copy and only
each page's problem (or None) comes back. A page is written straight into the tree as a new
file; this process records the written files afterwards.
"""

from __future__ import annotations

import jinja2

from sitegen.errors import Diagnostic
from sitegen.parallel import Progress, parallel_map
from sitegen.plan.model import Page
from sitegen.render.environment import RenderError, render_page
from sitegen.write.output import Tree, write_new


class PageRenderer:
    """Renders one page, by its output file, into the tree."""

    def __init__(self, env: jinja2.Environment, tree: Tree, pages: dict[str, Page]) -> None:
        self.env = env
        self.tree = tree
        self.pages = pages

    def __call__(self, relative: str) -> Diagnostic | None:
        page = self.pages[relative]
        try:
            html = render_page(self.env, page.template, page.context, page.path)
        except RenderError as exc:
            return exc.diagnostic
        write_new(self.tree.path(relative), html.encode())
        return None


def render_pages(
    env: jinja2.Environment,
    tree: Tree,
    pages: dict[str, Page],
    todo: list[str],
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Diagnostic]:
    """Render the ``todo`` pages (output files) into the tree; the problems of those that failed."""
    problems = parallel_map(PageRenderer(env, tree, pages), todo, jobs, progress=progress)
    return [p for p in problems if p is not None]
