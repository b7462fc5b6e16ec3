"""Fragments rendered once per build: ``{% cached "card", item %}…{% endcached %}``.

A list page shows ten cards, and each card is on about eight list pages; the masthead and the
footer are on every page. A layout marks such a fragment with a ``cached`` block, naming
its key: the values it shows. The block is rendered the first time a key is seen and its
markup reused for every later page with an equal key, like Hugo's ``partialCached``.

A reused fragment can never be stale, because a cached block depends on its key and on nothing
else, which is checked when the layout is compiled (a layout syntax error, with its line):

- the block's body sees only its key: each key is a parameter of the body (a plain name, as in
  ``item``, or ``name=expression``), and any other name the body reads (a page variable, a
  variable set outside the block, a macro, ``loop``, ``self``, a global) is an error;
- no filter or test that reads the page's context (``article_body``), no ``import`` with
  context, and no ``include`` may appear in it (a macro imported without context may);
- filters (``url``, ``tanggal``…) depend only on site.yaml, fixed for an environment's life.

The key's values are fingerprinted as a page's context is (plan.fingerprint): two equal
fingerprints mean the body gets the same input, so it gives the same markup. The plan's values
are immutable; a list or dict as a key is refused. The rendered markup lives in the
environment's extension, so in each process that renders (forked workers each fill their own)
and for as long as the environment, which a build makes anew.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.parser import Parser

from sitegen.plan.fingerprint import Fingerprinter

# inside a cached block these would carry the page's context in
_WITH_CONTEXT = (nodes.Import, nodes.FromImport)

# (Jinja cannot render an include inside a call block, which a cached block's body is)
_NOT_INSIDE = (nodes.Include, nodes.Block, nodes.Extends)

# Raise it whenever the code a cached block compiles to changes: the layouts' compiled code is
# kept between builds (render.environment), keyed by their source and this.
CODEGEN = 1

_MUTABLE = frozenset({list, dict, set})

LOOKUP = "_cached_fragment"  # the filter a block's lookup compiles to
HIT = "_cached_fragment_markup"  # the variable it sets (a name with "_" is not exported)


class CachedFragments(Extension):
    """The ``cached`` tag and the fragments it rendered, by key."""

    tags = {"cached"}  # noqa: RUF012  (Jinja's own class attribute)

    # False renders every block each time (the tests compare both ways, byte for byte)
    enabled = True

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.rendered: dict[tuple[str, ...], str] = {}
        self.fingerprint = Fingerprinter()
        self.counts: Counter[str] = Counter()  # renders by fragment name ("card"), for measuring
        environment.filters[LOOKUP] = self._lookup

    def parse(self, parser: Parser) -> list[nodes.Node]:
        lineno = next(parser.stream).lineno
        label = parser.parse_expression()
        if not (isinstance(label, nodes.Const) and isinstance(label.value, str) and label.value):
            parser.fail("cached: the first argument is the fragment's name, a quoted string", lineno)
        names, values = _keys(parser)
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        problem = self._outside_key(body, names)
        if problem:
            parser.fail(f'cached "{label.value}": {problem}', lineno)
        where = nodes.Const(f"{parser.name}:{lineno}:{label.value}")
        # a hit costs one filter call (no Jinja call, no caller macro made); a miss renders
        # the body as a call block whose parameters are the key's names
        found = nodes.Filter(nodes.Tuple(values, "load"), LOOKUP, [where], [], None, None)
        store = self.call_method("_store", [where, nodes.Const(label.value), nodes.Tuple(values, "load")])
        miss = nodes.CallBlock(store, [nodes.Name(name, "param") for name in names], [], body)
        is_miss = nodes.Test(nodes.Name(HIT, "load"), "none", [], [], None, None)
        return [
            nodes.Assign(nodes.Name(HIT, "store"), found).set_lineno(lineno),
            nodes.If(is_miss, [miss], [], [nodes.Output([nodes.Name(HIT, "load")])]).set_lineno(lineno),
        ]

    def _outside_key(self, body: list[nodes.Node], names: Sequence[str]) -> str | None:
        """What in ``body`` reaches past its key, or None."""
        probe = nodes.Template(body)
        probe.set_environment(self.environment)
        reads = _Reads(self.environment)
        reads.visit(probe)
        outside = sorted(reads.names - set(names))
        if outside:
            read = ", ".join(outside)
            return f"the block reads {read}, which its key does not hold (add it to the key, after the name)"
        env = self.environment
        for used in probe.find_all((nodes.Filter, nodes.Test)):
            assert isinstance(used, nodes.Filter | nodes.Test)
            if _reads_context((env.filters if isinstance(used, nodes.Filter) else env.tests).get(used.name)):
                return f"the filter or test {used.name!r} reads the page's context, which a cached block cannot see"
        if any(getattr(node, "with_context", False) for node in probe.find_all(_WITH_CONTEXT)):
            return "an import with context would see the page's context: use 'without context'"
        if next(probe.find_all(_NOT_INSIDE), None) is not None:
            return "an include, block or extends cannot be inside a cached block (import a macro instead)"
        return None

    def _lookup(self, values: tuple[Any, ...], where: str) -> str | None:
        """The block's markup for these key values if it was rendered already."""
        if not self.enabled:
            return None
        return self.rendered.get((where, *[self._part(value) for value in values]))

    def _store(self, where: str, label: str, values: tuple[Any, ...], caller: Callable[..., str]) -> str:
        """The block rendered for these key values, kept for the next page that shows it."""
        markup = caller(*values)
        if self.enabled:
            self.rendered[(where, *[self._part(value) for value in values])] = markup
            self.counts[label] += 1
        return markup

    def _part(self, value: object) -> str:
        if type(value) in _MUTABLE:
            raise TypeError(f"a cached block's key must be immutable, not a {type(value).__name__}")
        return self.fingerprint(value)  # (an undefined name raises here: StrictUndefined)


class _Reads(CodeGenerator):
    """Every name a template reads from its context, globals too (``jinja2.meta`` leaves out
    the globals, and a page's context could hide one): the code generator, writing nothing."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment, "<cached>", "<cached>")
        self.names: set[str] = set()

    def write(self, x: str) -> None:
        pass

    def enter_frame(self, frame: Frame) -> None:
        super().enter_frame(frame)
        self.names.update(name for action, name in frame.symbols.loads.values() if action == "resolve")


def _keys(parser: Parser) -> tuple[list[str], list[nodes.Expr]]:
    """The key after the name: ``, item`` or ``, current=expression``, any number of them."""
    names: list[str] = []
    values: list[nodes.Expr] = []
    stream = parser.stream
    while stream.skip_if("comma"):
        if stream.current.type == "name" and stream.look().type == "assign":
            name = stream.expect("name").value
            stream.expect("assign")
            value = parser.parse_expression()
        else:
            value = parser.parse_expression()
            if not isinstance(value, nodes.Name):
                parser.fail("cached: a key is a variable's name, or name=expression", value.lineno)
            name = value.name
        if name in names:
            parser.fail(f"cached: the key {name!r} is given twice", value.lineno)
        names.append(name)
        values.append(value)
    return names, values


def _reads_context(function: object) -> bool:
    passed = getattr(function, "jinja_pass_arg", None)
    return getattr(passed, "name", None) == "context"


def fragments(env: jinja2.Environment) -> CachedFragments:
    """The environment's cached fragments (make_environment adds the extension)."""
    return env.extensions[CachedFragments.identifier]  # type: ignore[return-value]
