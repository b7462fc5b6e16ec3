"""Photo variants: each width as WebP and JPEG, made by Pillow into the store
(``<cache_dir>/images/``) only when the store lacks it, then linked into the output tree.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageCms, ImageOps

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic
from sitegen.parallel import parallel_map

if TYPE_CHECKING:
    from sitegen.read.articles import Article
    from sitegen.write.output import Tree
from sitegen.plan.photos import (
    _SWAPS,
    ENCODER_KEY,
    JPEG_QUALITY,
    OUTPUT_DIR,
    WEBP_QUALITY,
    ImageFile,
    ImageProblem,
    _opened,
)

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
