"""The photos of the site, every build, after reading: which files, how large, which variants.

Each referenced file's content hash (remembered by size and times, so an unchanged file is
not read again), its size from the header, and its variants: a few widths, WebP with a JPEG
fallback, named by content (``/img/{hash}-{width}.webp``); a featured photo at least
DISCOVER_WIDTH wide also has centre crops for structured data and the link preview
(``/img/{hash}-1200x630.jpg``). Making them is the write stage's
(``sitegen.write.variants``); what a body names is the read stage's (``sitegen.read.image_refs``).

Pages get :class:`ImageInfo` objects (variants, size, alt, caption, credit) in their context,
so a page's fingerprint changes exactly when a photo it shows does.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import posixpath
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import PIL
from PIL import Image, UnidentifiedImageError, features

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic
from sitegen.i18n import Message, msg, verbatim

if TYPE_CHECKING:
    from sitegen.read.articles import Article
from sitegen.read.image_refs import FEATURED, GALLERY, ImageRef
from sitegen.util import filestamp
from sitegen.util.filestamp import Stamp, settled

OUTPUT_DIR = "img"  # variants are published as /img/{name}-{width}.{webp|jpg}

WIDTHS = (480, 800, 1200)  # phone, large phone, the widest the layout shows (44rem at 2x is more; 3G wins)

WEBP_QUALITY = 75

JPEG_QUALITY = 80

# The layout's text column: the full width of a phone less the page margins, at most 44rem.
SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem"

# A gallery's thumbnails: two to a row on a phone, four in the text column on a wider screen.
GALLERY_SIZES = "(max-width: 46rem) calc(50vw - 1.5rem), 11rem"

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # never EPS and friends, whose plugins run other programs

# A 48-megapixel phone photo passes; a decompression bomb does not. Pillow's own check warns
# above this and refuses above twice as much: both are reported as "too large".
MAX_PIXELS = 50_000_000

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# The most pixels WebP holds on a side. A phone screenshot (1080×20000) is within MAX_PIXELS,
# but its widest variant would be taller than this: an error, not a photo cut or squeezed
# without the editor knowing (and a page that scrolls through 20 screens of one picture).
WEBP_MAX_SIDE = 16383

# What a variant's name says besides the source's hash: another size or quality, another name.
RECIPE = f"widths={WIDTHS} webp={WEBP_QUALITY} jpeg={JPEG_QUALITY} v1"

# What else its bytes depend on: the encoders. Not in the published name (an upgrade of Pillow
# must not rename every photo of the site), but in the store's file names and the output key,
# so a new encoder's variants replace the old ones and an incremental build stays a clean one.
ENCODER = "pillow={} jpeg={} turbo={} webp={}".format(
    PIL.__version__, features.version_codec("jpg"), features.version("libjpeg_turbo"), features.version_module("webp")
)

ENCODER_KEY = hashlib.blake2b(f"{RECIPE}\0{ENCODER}".encode(), digest_size=4).hexdigest()

# Google Discover shows a large image only from this width on, and link previews (WhatsApp,
# Facebook) want it too: the featured photo's crops are made from photos at least this wide.
DISCOVER_WIDTH = 1200

# The structured data's images: Google asks for several, in these aspect ratios.
CROPS = ((16, 9), (4, 3), (1, 1))

# The link preview (og:image): Open Graph's 1.91:1. WhatsApp shows none above about 600 KB,
# so its JPEG quality is lowered step by step until it fits well within that.
PREVIEW_SIZE = (1200, 630)
PREVIEW_MAX_BYTES = 300 * 1024

CROP_RECIPE = f"crops={CROPS} preview={PREVIEW_SIZE}<={PREVIEW_MAX_BYTES} width={DISCOVER_WIDTH} jpeg={JPEG_QUALITY} v1"

_EXT = {"webp": "webp", "jpeg": "jpg"}
STATE_KEY = "images"  # the build cache's record of the files' hashes and sizes


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
class Crop(Variant):
    """A centre crop of a featured photo, JPEG: one of the structured data's images, or the
    link preview (the one with ``max_bytes``)."""

    max_bytes: int = 0  # the JPEG's quality is lowered until it fits; 0: no limit


@dataclass(frozen=True)
class ImageFile:
    """A photo of the site as the build publishes it."""

    path: str  # the source file, from the site folder
    width: int  # as shown (EXIF orientation applied), before resizing
    height: int
    variants: tuple[Variant, ...]  # every width in WebP, then every width in JPEG
    crops: tuple[Crop, ...] = ()  # a featured photo's: the structured data's, then the link preview


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
    crops: tuple[Crop, ...] = ()  # a featured photo's, when it is large enough

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

    @property
    def structured(self) -> tuple[Variant, ...]:
        """The structured data's images: the crops in Google's aspect ratios, else the largest JPEG."""
        return tuple(crop for crop in self.crops if not crop.max_bytes) or (self.largest,)

    @property
    def preview(self) -> Variant:
        """The link preview (og:image): the 1200×630 crop, else the largest JPEG."""
        return next((crop for crop in self.crops if crop.max_bytes), self.largest)

    def srcset(self, kind: str, url: Callable[[str], str]) -> str:
        return ", ".join(f"{url(v.path)} {v.width}w" for v in self.of_format(kind))


@dataclass(frozen=True)
class Pictures:
    """An article's photos as its page shows them."""

    featured: ImageInfo | None
    body: tuple[ImageInfo, ...]
    gallery: tuple[ImageInfo, ...] = ()  # the front matter's ``gallery``, in its order

    @property
    def share(self) -> ImageInfo | None:
        """The photo link previews show: the featured one, else the body's first, else the gallery's."""
        return self.featured or next(iter(self.body + self.gallery), None)


NO_PICTURES = Pictures(None, (), ())


def pictures(article: Article, files: Mapping[str, ImageFile]) -> Pictures:
    """The ImageInfo of each of an article's references (those whose file is known)."""
    featured = None
    body: list[ImageInfo] = []
    gallery: list[ImageInfo] = []
    for ref in article.images:
        file = files.get(ref.path)
        if file is None:
            continue
        largest = file.variants[-1]
        crops = file.crops if ref.kind == FEATURED else ()
        info = ImageInfo(ref.src, file.variants, largest.width, largest.height, ref.alt, ref.caption, ref.credit, crops)
        if ref.kind == FEATURED:
            featured = info
        else:
            (gallery if ref.kind == GALLERY else body).append(info)
    return Pictures(featured, tuple(body), tuple(gallery)) if featured or body or gallery else NO_PICTURES


def planned(refs: Iterable[ImageRef], files: Mapping[str, ImageFile]) -> bool:
    """Whether an earlier plan's ``files`` show these references as a build now would: every
    file known, and a featured one with the crops only featured photos are given."""
    for ref in refs:
        file = files.get(ref.path)
        if file is None or (ref.kind == FEATURED and not file.crops and file.width >= DISCOVER_WIDTH):
            return False
    return True


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


def _crops(source_hash: str, width: int) -> tuple[Crop, ...]:
    """A featured photo's crops, named by its content: none for a photo narrower than
    DISCOVER_WIDTH (its largest JPEG stays the one image)."""
    if width < DISCOVER_WIDTH:
        return ()
    name = hashlib.blake2b(f"{CROP_RECIPE}\0{source_hash}".encode(), digest_size=8).hexdigest()
    sizes = [(DISCOVER_WIDTH, DISCOVER_WIDTH * h // w, 0) for w, h in CROPS] + [(*PREVIEW_SIZE, PREVIEW_MAX_BYTES)]
    return tuple(Crop(f"/{OUTPUT_DIR}/{name}-{w}x{h}.jpg", w, h, "jpeg", most) for w, h, most in sizes)


@dataclass(frozen=True)
class _Known:
    """What the cache remembers of a file, valid while its size and times are unchanged."""

    stamp: Stamp
    hash: str
    width: int
    height: int


class Referrer(Protocol):
    """What names photos: an article, or an editor's profile (sitegen.read.profiles)."""

    @property
    def source(self) -> str: ...

    @property
    def images(self) -> tuple[ImageRef, ...]: ...


class ImageProblem(Exception):
    """A file that cannot be published as a photo; ``message`` completes ``'image': …``."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def unreadable(path: str, exc: BaseException) -> Message:
    """A photo Pillow cannot decode (Pillow's reason kept, untranslated, for whoever looks deeper)."""
    return msg("{path} cannot be read as a photo ({why})", path=path, why=verbatim(str(exc)))


def plan(
    site_dir: Path, articles: Iterable[Referrer], cache: BuildCache | None = None
) -> tuple[dict[str, ImageFile], list[Diagnostic]]:
    """Every referenced file's variants, or an error at each reference to a file that is
    missing or not a photo. Files are read only when the cache does not know them."""
    uses: dict[str, list[tuple[str, ImageRef]]] = {}
    featured: set[str] = set()
    for article in articles:
        for ref in article.images:
            uses.setdefault(ref.path, []).append((article.source, ref))
            if ref.kind == FEATURED:
                featured.add(ref.path)
    state = cache.get_state(STATE_KEY) if cache is not None else None
    known: dict[str, _Known] = state if isinstance(state, dict) else {}
    remembered: dict[str, _Known] = {}
    files: dict[str, ImageFile] = {}
    problems: list[Diagnostic] = []
    site = site_dir.resolve()
    now = time.time_ns()
    for path in sorted(uses):
        try:
            entry = _inspect(site, path, known.get(path))
        except ImageProblem as exc:
            problems.extend(ref.problem(source, exc.message) for source, ref in uses[path])
            continue
        if settled(entry.stamp, now):
            remembered[path] = entry
        name = hashlib.blake2b(f"{RECIPE}\0{entry.hash}".encode(), digest_size=8).hexdigest()
        crops = _crops(entry.hash, entry.width) if path in featured else ()
        files[path] = ImageFile(path, entry.width, entry.height, _variants(name, entry.width, entry.height), crops)
    if cache is not None and remembered != known:
        cache.set_state(STATE_KEY, remembered)
    return files, problems


def _inspect(site: Path, path: str, known: _Known | None) -> _Known:
    full = site / path
    try:
        st = full.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise ImageProblem(msg("there is no file {path}", path=path)) from None
    except OSError as exc:
        raise ImageProblem(msg("{path} cannot be read ({why})", path=path, why=verbatim(exc.strerror or ""))) from None
    if not full.is_file():
        raise ImageProblem(msg("{path} is not a file", path=path))
    if not full.resolve().is_relative_to(site):
        raise ImageProblem(msg("{path} is a link to a file outside the site", path=path))
    stamp = filestamp.stamp(st)
    if isinstance(known, _Known) and known.stamp == stamp:
        entry = known
    else:
        data = full.read_bytes()
        width, height = _header(data, path)
        entry = _Known(stamp, hashlib.blake2b(data, digest_size=16).hexdigest(), width, height)
    _check_variants(path, entry.width, entry.height)
    return entry


def _check_variants(path: str, width: int, height: int) -> None:
    """Every variant must be one WebP can hold (the widest is the tallest)."""
    wide = widths(width)[-1]
    high = max(1, round(height * wide / width))
    if high > WEBP_MAX_SIDE:
        raise ImageProblem(
            msg(
                "{path} is {width}×{height} pixels: at {wide} pixels wide it would be {high} high, "
                "and WebP allows at most {most}; crop it",
                path=path,
                width=width,
                height=height,
                wide=wide,
                high=format(high, ","),
                most=format(WEBP_MAX_SIDE, ","),
            )
        )


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
            raise ImageProblem(
                msg("{path} is too large: at most {most} megapixels", path=path, most=MAX_PIXELS // 1_000_000)
            ) from None
        except (UnidentifiedImageError, SyntaxError, ValueError, OSError, EOFError) as exc:
            if isinstance(exc, UnidentifiedImageError):
                raise ImageProblem(
                    msg("{path} is not a photo sitegen can read (JPEG, PNG, WebP or GIF)", path=path)
                ) from None
            raise ImageProblem(unreadable(path, exc)) from None


def _header(data: bytes, path: str) -> tuple[int, int]:
    with _opened(data, path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112)
    if width < 1 or height < 1:
        raise ImageProblem(msg("{path} has no pixels", path=path))
    return (height, width) if orientation in _SWAPS else (width, height)
