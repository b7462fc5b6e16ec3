"""Photo variants: each width as WebP and JPEG, made by Pillow into the store
(``<cache_dir>/images/``) only when the store lacks it, then linked into the output tree.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageCms, ImageOps

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic
from sitegen.i18n import Message
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
    Crop,
    ImageFile,
    ImageProblem,
    _opened,
    unreadable,
)

# A preview over its byte limit is encoded again this much lower, down to the floor (which no
# 1200×630 photo exceeds the limit at).
QUALITY_STEP = 5
QUALITY_FLOOR = 10

# -- making the variants ------------------------------------------------------------------------


def make_variants(source: str, file: ImageFile, folder: str, prefix: str = "") -> None:
    """Write every variant of one photo into ``folder`` (as ``prefix`` + its file name): resized,
    EXIF orientation applied, converted to sRGB, no metadata; then its crops. Raises ImageProblem."""
    _make_sizes(source, file, folder, prefix)
    if file.crops:
        # decoded again, finer: the variants' bytes must not depend on whether a photo is featured
        whole = _decoded(source, file, _crop_decode_size(file))
        for crop in file.crops:
            _write_atomic(os.path.join(folder, prefix + crop.file_name), _crop_jpeg(whole, crop))


def _make_sizes(source: str, file: ImageFile, folder: str, prefix: str) -> None:
    largest = file.variants[-1]
    image = _decoded(source, file, (largest.width, largest.height))
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


def _decoded(source: str, file: ImageFile, size: tuple[int, int]) -> Image.Image:
    """The photo upright in sRGB, decoded no larger than ``size`` (as shown) needs: JPEG decodes
    at 1/2, 1/4 or 1/8 scale for free."""
    with _opened(source, file.path) as opened:
        turned = opened.getexif().get(0x0112) in _SWAPS
        opened.draft("RGB", (size[1], size[0]) if turned else size)
        try:
            return _rgb(ImageOps.exif_transpose(opened))
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ImageProblem(unreadable(file.path, exc)) from None


def _crop_decode_size(file: ImageFile) -> tuple[int, int]:
    """The smallest decoded size (as shown) whose middle still gives every crop at full width."""
    scale = 0.0
    for crop in file.crops:
        middle = min(file.width, file.height * crop.width / crop.height)
        scale = max(scale, crop.width / middle)
    scale = min(scale, 1.0)
    return math.ceil(file.width * scale), math.ceil(file.height * scale)


def centre_crop(image: Image.Image, width: int, height: int) -> Image.Image:
    """The largest middle part of ``image`` with the aspect ratio of ``width``×``height``,
    resized to that."""
    w, h = image.size
    if w * height > h * width:  # wider than the crop: its sides are cut
        cut = round(h * width / height)
        box = ((w - cut) // 2, 0, (w - cut) // 2 + cut, h)
    else:
        cut = round(w * height / width)
        box = (0, (h - cut) // 2, w, (h - cut) // 2 + cut)
    return image.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _crop_jpeg(image: Image.Image, crop: Crop) -> bytes:
    """The crop's JPEG; one with ``max_bytes`` at the highest quality step that fits."""
    cropped = centre_crop(image, crop.width, crop.height)
    quality = JPEG_QUALITY
    while True:
        out = io.BytesIO()
        cropped.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        if not crop.max_bytes or out.tell() <= crop.max_bytes or quality <= QUALITY_FLOOR:
            return out.getvalue()
        quality = max(QUALITY_FLOOR, quality - QUALITY_STEP)


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
    return {variant.output_file: file for file in files for variant in (*file.variants, *file.crops)}


def output_key(relative: str) -> str:
    """The build's key of a variant file: its name says the source and the recipe; the encoders
    are added, which a name leaves out."""
    return f"image:{ENCODER_KEY}:{relative}"


def _stored(relative: str) -> str:
    """A variant's file name in the store: made by these encoders."""
    return f"{ENCODER_KEY}-{posixpath.basename(relative)}"


def _make_one(task: tuple[str, ImageFile, str, str]) -> Message | None:
    source, file, folder, prefix = task
    try:
        make_variants(source, file, folder, prefix)
    except ImageProblem as exc:
        return exc.message
    return None


def publish(
    site_dir: Path,
    wanted: Sequence[str],
    files: Mapping[str, ImageFile],
    tree: Tree,
    keys: Mapping[str, str],
    store: Path | None,
    jobs: int | None = None,
) -> dict[str, Message]:
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


def problems_at_references(articles: Iterable[Article], failed: Mapping[str, Message]) -> list[Diagnostic]:
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
