"""Images: an article's featured photo and the photos in its body, made light for 3G phones.

Two halves, split by what they depend on:

* **References**, found by the read stage (:func:`featured_reference`, :func:`body_references`):
  a pure function of the article's own text, so they are cached with the article. No image
  byte is read there; a changed photo must not hide behind an unchanged article.
* **Files**, every build, after reading (:func:`plan`, :func:`publish`): each referenced file's
  content hash (remembered by size and times, so an unchanged file is not read again), its
  size from the header, and its variants: a few widths, WebP with a JPEG fallback, named by
  content (``/img/{hash}-{width}.webp``). Pillow makes a variant only when the store
  (``<cache_dir>/images/``) lacks it, so an unchanged photo is never processed twice, not even
  when ``public/`` is deleted.

Pages get :class:`ImageInfo` objects (variants, size, alt, caption, credit) in their context,
so a page's fingerprint changes exactly when a photo it shows does.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import os
import posixpath
import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from sitegen.cache import BuildCache
from sitegen.diagnostics import Diagnostic, error, suggest, warning
from sitegen.frontmatter import Field
from sitegen.parallel import parallel_map

if TYPE_CHECKING:
    from sitegen.articles import Article
    from sitegen.output import Tree

FEATURED = "featured"
BODY = "body"
OUTPUT_DIR = "img"  # variants are published as /img/{name}-{width}.{webp|jpg}
WIDTHS = (480, 800, 1200)  # phone, large phone, the widest the layout shows (44rem at 2x is more; 3G wins)
WEBP_QUALITY = 75
JPEG_QUALITY = 80
# The layout's text column: the full width of a phone less the page margins, at most 44rem.
SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem"
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # never EPS and friends, whose plugins run other programs
# A 48-megapixel phone photo passes; a decompression bomb does not. Pillow's own check warns
# above this and refuses above twice as much: both are reported as "too large".
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# What a variant's name says besides the source's hash: another size or quality, another name.
RECIPE = f"widths={WIDTHS} webp={WEBP_QUALITY} jpeg={JPEG_QUALITY} v1"
# What else its bytes depend on: the encoders. Not in the published name (an upgrade of Pillow
# must not rename every photo of the site), but in the store's file names and the output key,
# so a new encoder's variants replace the old ones and an incremental build stays a clean one.
ENCODER = "pillow={} jpeg={} turbo={} webp={}".format(
    PIL.__version__, features.version_codec("jpg"), features.version("libjpeg_turbo"), features.version_module("webp")
)
ENCODER_KEY = hashlib.blake2b(f"{RECIPE}\0{ENCODER}".encode(), digest_size=4).hexdigest()
STATE_KEY = "images"  # the build cache's record of the files' hashes and sizes
RACY_NS = 2_000_000_000  # a file changed this recently may change again within the same mtime
_EXT = {"webp": "webp", "jpeg": "jpg"}
_KEYS = ("src", "alt", "caption", "credit")


# -- references: the read stage ---------------------------------------------------------------


@dataclass(frozen=True)
class ImageRef:
    """An image an article refers to, as the editor wrote it."""

    src: str  # as written: foto.jpg, ../foto/a.jpg, /assets/peta.png
    path: str  # the file, from the site folder: content/2023/foto.jpg
    alt: str
    line: int  # where the editor wrote it: the 'image' key, or the Markdown line
    kind: str  # FEATURED or BODY
    caption: str = ""
    credit: str = ""

    def problem(self, source: str, message: str) -> Diagnostic:
        """An error at the reference, worded for where it was written."""
        where = "'image'" if self.kind == FEATURED else f"image '{self.src}'"
        return error(source, self.line, f"{where}: {message}")


def resolve(source: str, src: str) -> tuple[str | None, str | None]:
    """The file a local image reference means, from the site folder, or why it means none.

    ``foto.jpg`` is beside the article, ``/assets/x.png`` in the site's assets folder. A web
    address (``https://…``, ``//cdn…``) is not local: ``(None, None)``.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        return None, None
    path = unquote(parts.path)
    if not path.strip():
        return None, "has no file name"
    if "\\" in path or "\x00" in path:
        return None, "has a backslash: write folders with '/', like foto/kegiatan.jpg"
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
        if not resolved.startswith("assets/"):
            return None, "is neither beside the article (foto.jpg) nor in the assets folder (/assets/foto.jpg)"
        return resolved, None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if resolved == ".." or resolved.startswith("../") or resolved in (".", ""):
        return None, "points outside the site folder"
    return resolved, None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put the text in quotes)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def featured_reference(source: str, item: Field | None) -> tuple[ImageRef | None, list[Diagnostic]]:
    """The front matter's ``image:``, a mapping ``{src, alt, caption?, credit?}``; its problems
    are reported at the key's line."""
    if item is None or item.value is None:
        return None, []
    value, line = item.value, item.line
    shape = "a mapping with 'src' and 'alt' (and 'caption', 'credit' if you like) on indented lines below it"
    if not isinstance(value, dict):
        return None, [error(source, line, f"'image' must be {shape}, not {_describe(value)}")]
    problems = []
    for key in value:
        if key not in _KEYS:
            problems.append(error(source, line, f"'image': unknown key '{key}'{suggest(str(key), _KEYS)}"))
    texts: dict[str, str] = {}
    for key in _KEYS:
        item = value.get(key)
        if item is None:
            continue
        if not isinstance(item, str):
            problems.append(error(source, line, f"'image': '{key}' must be text, not {_describe(item)}"))
            continue
        texts[key] = " ".join(item.split())
    if "src" not in value:
        problems.append(error(source, line, "'image' needs 'src': the photo's file, like foto-kegiatan.jpg"))
    elif "src" in texts and not texts["src"]:
        problems.append(error(source, line, "'image': 'src' must not be empty"))
    if "alt" not in value or ("alt" in texts and not texts["alt"]):
        problems.append(
            error(source, line, "'image' needs 'alt': say what the photo shows, for readers who cannot see it")
        )
    if problems:
        return None, problems
    src = texts["src"]
    path, why = resolve(source, src)
    if why is not None:
        return None, [error(source, line, f"'image': '{src}' {why}")]
    if path is None:
        return None, [error(source, line, f"'image': '{src}' is a web address: put the photo in the site folder")]
    return ImageRef(src, path, texts["alt"], line, FEATURED, texts.get("caption", ""), texts.get("credit", "")), []


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.setdefault(name, value or "")

    handle_startendtag = handle_starttag


# An <img> start tag of sanitized HTML; quoted attribute values may hold '>'. The sanitizer
# escapes '<' in text, so outside a tag no '<img' can appear.
_IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


def _attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def body_references(source: str, body_html: str, body: str, body_line: int) -> tuple[list[ImageRef], list[Diagnostic]]:
    """The local images of a sanitized body, each at the line of the Markdown that shows it."""
    refs: list[ImageRef] = []
    problems: list[Diagnostic] = []
    lines = body.split("\n")
    searched_from: dict[str, int] = {}  # the same photo twice: the second is on a later line
    for match in _IMG.finditer(body_html):
        attributes = _attributes(match.group(0))
        src = attributes.get("src", "").strip()
        if not src:
            continue
        path, why = resolve(source, src)
        if path is None and why is None:
            continue  # a web address stays as it is
        index = _find(lines, src, searched_from.get(src, 0))
        searched_from[src] = index + 1
        line = body_line + index
        if why is not None:
            problems.append(error(source, line, f"image '{src}' {why}"))
            continue
        assert path is not None
        alt = " ".join(attributes.get("alt", "").split())
        if not alt:
            hint = f"say what it shows in ![…]({src})"
            problems.append(warning(source, line, f"image '{src}' has no alt text: {hint}"))
        refs.append(ImageRef(src, path, alt, line, BODY))
    return refs, problems


def _find(lines: list[str], src: str, start: int) -> int:
    """The index of the first line from ``start`` that holds the reference (the first line at all
    when none does: the editor still learns the file)."""
    for needle in (src, html.escape(src), posixpath.basename(src)):
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index
    return min(start, max(len(lines) - 1, 0))


# -- files: every build, after reading --------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    path: str  # where the site publishes it: /img/3f2a9c1e…-800.webp
    width: int
    height: int
    format: str  # "webp" or "jpeg"

    @property
    def output_file(self) -> str:
        return self.path.lstrip("/")

    @property
    def file_name(self) -> str:
        return posixpath.basename(self.path)


@dataclass(frozen=True)
class ImageFile:
    """A photo of the site as the build publishes it."""

    path: str  # the source file, from the site folder
    width: int  # as shown (EXIF orientation applied), before resizing
    height: int
    variants: tuple[Variant, ...]  # every width in WebP, then every width in JPEG


@dataclass(frozen=True)
class ImageInfo:
    """A photo as one page shows it: what the layout and the feed need, and nothing else."""

    src: str  # as the article wrote it: the body's <img src> it replaces
    variants: tuple[Variant, ...]
    width: int  # of the largest variant: with height, the aspect ratio that keeps the layout still
    height: int
    alt: str
    caption: str = ""
    credit: str = ""

    def of_format(self, kind: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == kind)

    @property
    def fallback(self) -> Variant:
        """The JPEG for browsers without srcset: the middle width."""
        jpegs = self.of_format("jpeg")
        return jpegs[len(jpegs) // 2]

    @property
    def largest(self) -> Variant:
        """The largest JPEG: for link previews (og:image) and structured data."""
        return self.of_format("jpeg")[-1]

    def srcset(self, kind: str, url: Callable[[str], str]) -> str:
        return ", ".join(f"{url(v.path)} {v.width}w" for v in self.of_format(kind))


@dataclass(frozen=True)
class Pictures:
    """An article's photos as its page shows them."""

    featured: ImageInfo | None
    body: tuple[ImageInfo, ...]

    @property
    def share(self) -> ImageInfo | None:
        """The photo link previews show: the featured one, else the body's first."""
        return self.featured or (self.body[0] if self.body else None)


NO_PICTURES = Pictures(None, ())


def pictures(article: Article, files: Mapping[str, ImageFile]) -> Pictures:
    """The ImageInfo of each of an article's references (those whose file is known)."""
    featured = None
    body = []
    for ref in article.images:
        file = files.get(ref.path)
        if file is None:
            continue
        largest = file.variants[-1]
        info = ImageInfo(ref.src, file.variants, largest.width, largest.height, ref.alt, ref.caption, ref.credit)
        if ref.kind == FEATURED:
            featured = info
        else:
            body.append(info)
    return Pictures(featured, tuple(body)) if featured or body else NO_PICTURES


def widths(width: int) -> tuple[int, ...]:
    """The widths to publish: never larger than the photo, and the photo's own width when it is
    narrower than the largest; a standard width close below it would add bytes, not sharpness."""
    largest = min(width, WIDTHS[-1])
    return tuple(sorted({w for w in WIDTHS if w < largest * 0.9} | {largest}))


def _variants(name: str, width: int, height: int) -> tuple[Variant, ...]:
    sizes = [(w, max(1, round(height * w / width))) for w in widths(width)]
    return tuple(
        Variant(f"/{OUTPUT_DIR}/{name}-{w}.{_EXT[kind]}", w, h, kind) for kind in ("webp", "jpeg") for w, h in sizes
    )


@dataclass(frozen=True)
class _Known:
    """What the cache remembers of a file, valid while its size and times are unchanged."""

    stamp: tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
    hash: str
    width: int
    height: int


def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class ImageProblem(Exception):
    """A file that cannot be published as a photo; the message completes ``'image': …``."""


def plan(
    site_dir: Path, articles: Iterable[Article], cache: BuildCache | None = None
) -> tuple[dict[str, ImageFile], list[Diagnostic]]:
    """Every referenced file's variants, or an error at each reference to a file that is
    missing or not a photo. Files are read only when the cache does not know them."""
    uses: dict[str, list[tuple[str, ImageRef]]] = {}
    for article in articles:
        for ref in article.images:
            uses.setdefault(ref.path, []).append((article.source, ref))
    state = cache.get_state(STATE_KEY) if cache is not None else None
    known: dict[str, _Known] = state if isinstance(state, dict) else {}
    remembered: dict[str, _Known] = {}
    files: dict[str, ImageFile] = {}
    problems: list[Diagnostic] = []
    site = site_dir.resolve()
    racy = time.time_ns() - RACY_NS
    for path in sorted(uses):
        try:
            entry = _inspect(site, path, known.get(path))
        except ImageProblem as exc:
            problems.extend(ref.problem(source, str(exc)) for source, ref in uses[path])
            continue
        if entry.stamp[1] < racy:
            remembered[path] = entry
        name = hashlib.blake2b(f"{RECIPE}\0{entry.hash}".encode(), digest_size=8).hexdigest()
        files[path] = ImageFile(path, entry.width, entry.height, _variants(name, entry.width, entry.height))
    if cache is not None and remembered != known:
        cache.set_state(STATE_KEY, remembered)
    return files, problems


def _inspect(site: Path, path: str, known: _Known | None) -> _Known:
    full = site / path
    try:
        st = full.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise ImageProblem(f"there is no file {path}") from None
    except OSError as exc:
        raise ImageProblem(f"{path} cannot be read ({exc.strerror})") from None
    if not full.is_file():
        raise ImageProblem(f"{path} is not a file")
    if not full.resolve().is_relative_to(site):
        raise ImageProblem(f"{path} is a link to a file outside the site")
    stamp = _stamp(st)
    if isinstance(known, _Known) and known.stamp == stamp:
        return known
    data = full.read_bytes()
    width, height = _header(data, path)
    return _Known(stamp, hashlib.blake2b(data, digest_size=16).hexdigest(), width, height)


_SWAPS = {5, 6, 7, 8}  # EXIF orientations that turn the photo a quarter


@contextlib.contextmanager
def _opened(data: bytes | str, path: str) -> Iterator[Image.Image]:
    """The photo opened with Pillow (only its header is read), or an ImageProblem saying why not."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data) if isinstance(data, bytes) else data, formats=FORMATS) as image:
                yield image
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ImageProblem(f"{path} is too large: at most {MAX_PIXELS // 1_000_000} megapixels") from None
        except (UnidentifiedImageError, SyntaxError, ValueError, OSError, EOFError) as exc:
            if isinstance(exc, UnidentifiedImageError):
                raise ImageProblem(f"{path} is not a photo sitegen can read (JPEG, PNG, WebP or GIF)") from None
            raise ImageProblem(f"{path} cannot be read as a photo ({exc})") from None


def _header(data: bytes, path: str) -> tuple[int, int]:
    with _opened(data, path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112)
    if width < 1 or height < 1:
        raise ImageProblem(f"{path} has no pixels")
    return (height, width) if orientation in _SWAPS else (width, height)


# -- making the variants ------------------------------------------------------------------------


def make_variants(source: str, file: ImageFile, folder: str, prefix: str = "") -> None:
    """Write every variant of one photo into ``folder`` (as ``prefix`` + its file name): resized,
    EXIF orientation applied, converted to sRGB, no metadata. Raises ImageProblem."""
    with _opened(source, file.path) as opened:
        largest = file.variants[-1]
        # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: no larger than the largest variant needs
        turned = opened.getexif().get(0x0112) in _SWAPS
        opened.draft("RGB", (largest.height, largest.width) if turned else (largest.width, largest.height))
        try:
            image = _rgb(ImageOps.exif_transpose(opened))
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ImageProblem(f"{file.path} cannot be read as a photo ({exc})") from None
    sized_to: dict[tuple[int, int], Image.Image] = {image.size: image}
    for variant in file.variants:
        size = (variant.width, variant.height)
        if size not in sized_to:  # each width once, for both formats
            sized_to[size] = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        sized = sized_to[size]
        out = io.BytesIO()
        if variant.format == "webp":
            sized.save(out, "WEBP", quality=WEBP_QUALITY, method=6)
        else:
            sized.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        _write_atomic(os.path.join(folder, prefix + variant.file_name), out.getvalue())


def _rgb(image: Image.Image) -> Image.Image:
    """Plain sRGB without metadata: a photo's colour profile applied, transparency on white."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    if image.mode not in ("RGB", "CMYK"):
        image = image.convert("RGB")
    if icc:
        # a profile that cannot be read is dropped: the colours shift a little, the photo stays
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            if converted is not None:
                image = converted
    image = image.convert("RGB")
    image.info = {}  # no EXIF (a phone's GPS position), no profile: nothing but the pixels
    return image


def _write_atomic(path: str, data: bytes) -> None:
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def store_folder(cache: BuildCache) -> Path | None:
    """Where variants are kept between builds, or None without a cache."""
    if cache.db is None or cache.folder is None:
        return None
    folder = cache.folder / "images"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


def outputs(files: Iterable[ImageFile]) -> dict[str, ImageFile]:
    """Every variant's output file, and the photo it is made from."""
    return {variant.output_file: file for file in files for variant in file.variants}


def output_key(relative: str) -> str:
    """The build's key of a variant file: its name says the source and the recipe; the encoders
    are added, which a name leaves out."""
    return f"image:{ENCODER_KEY}:{relative}"


def _stored(relative: str) -> str:
    """A variant's file name in the store: made by these encoders."""
    return f"{ENCODER_KEY}-{posixpath.basename(relative)}"


def _make_one(task: tuple[str, ImageFile, str, str]) -> str | None:
    source, file, folder, prefix = task
    try:
        make_variants(source, file, folder, prefix)
    except ImageProblem as exc:
        return str(exc)
    return None


def publish(
    site_dir: Path,
    wanted: Sequence[str],
    files: Mapping[str, ImageFile],
    tree: Tree,
    keys: Mapping[str, str],
    store: Path | None,
    jobs: int | None = None,
) -> dict[str, str]:
    """Put the ``wanted`` variants into the tree: copied from the store, made with Pillow only
    when the store lacks them (without a store, made straight into the tree). Returns the
    photos that could not be made, with why."""
    if not wanted:
        return {}
    if store is None:
        folder, prefix = os.path.dirname(tree.path(f"{OUTPUT_DIR}/x")), ""
    else:
        folder, prefix = str(store), f"{ENCODER_KEY}-"
    todo: dict[str, ImageFile] = {}
    for relative in wanted:
        file = files[relative]
        if file.path not in todo and (store is None or not (store / _stored(relative)).is_file()):
            todo[file.path] = file
    tasks = [(str(site_dir / path), file, folder, prefix) for path, file in sorted(todo.items())]
    # one photo is a lot of work (decode, resize, six encodings): worth a worker from two on
    results = parallel_map(_make_one, tasks, jobs, min_items=2)
    failed = {task[1].path: why for task, why in zip(tasks, results, strict=True) if why}
    for relative in wanted:
        if files[relative].path in failed:
            continue
        if store is None:
            tree.record(relative, keys[relative])
        else:
            tree.write(relative, (store / _stored(relative)).read_bytes(), keys[relative])
    return failed


def problems_at_references(articles: Iterable[Article], failed: Mapping[str, str]) -> list[Diagnostic]:
    """An error at every reference to a photo that could not be made."""
    return [
        ref.problem(article.source, failed[ref.path])
        for article in articles
        for ref in article.images
        if ref.path in failed
    ]


def prune_store(store: Path | None, keep: Iterable[str]) -> None:
    """Remove the variants no photo of the site makes any more (or older encoders made)."""
    if store is None:
        return
    names = {_stored(relative) for relative in keep}
    with contextlib.suppress(OSError):
        for entry in os.scandir(store):
            if entry.name not in names:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# -- markup -------------------------------------------------------------------------------------


def picture(
    info: ImageInfo, url: Callable[[str], str], eager: bool = False, alt: str | None = None, title: str = ""
) -> str:
    """``<picture>`` with WebP and JPEG srcsets, the size that keeps the layout still, and lazy
    loading unless the photo is the first thing a reader sees. Every value is escaped here."""
    e = html.escape
    text = info.alt if alt is None else alt
    loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    extra = f' title="{e(title)}"' if title else ""
    return (
        f'<picture><source type="image/webp" srcset="{e(info.srcset("webp", url))}" sizes="{SIZES}">'
        f'<img src="{e(url(info.fallback.path))}" srcset="{e(info.srcset("jpeg", url))}" sizes="{SIZES}" '
        f'width="{info.width}" height="{info.height}" alt="{e(text)}"{extra} {loading}></picture>'
    )


def plain_img(info: ImageInfo, absolute: Callable[[str], str], alt: str | None = None) -> str:
    """A plain ``<img>`` of the fallback JPEG with an absolute URL: what feed readers show."""
    e = html.escape
    shown = info.fallback
    text = info.alt if alt is None else alt
    return f'<img src="{e(absolute(shown.path))}" width="{shown.width}" height="{shown.height}" alt="{e(text)}">'


def rewrite(fragment: str, infos: Iterable[ImageInfo], replace: Callable[[ImageInfo, dict[str, str]], str]) -> str:
    """Each ``<img>`` of sanitized HTML whose src is one of ``infos`` replaced by ``replace``'s
    markup (which gets the tag's own attributes: its alt and title as the editor wrote them)."""
    by_src = {info.src: info for info in infos}
    if not by_src:
        return fragment

    def one(match: re.Match[str]) -> str:
        attributes = _attributes(match.group(0))
        info = by_src.get(attributes.get("src", "").strip())
        return replace(info, attributes) if info is not None else match.group(0)

    return _IMG.sub(one, fragment)
