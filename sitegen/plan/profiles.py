"""Editors' profiles as pages show them: matched to the editors of the articles, photo planned.

A profile (sitegen.read.profiles) belongs to the editor term with its slug. The editor's list
page shows it above the stories, and each of the editor's articles shows the rank in its
byline and the profile in its JSON-LD ``author``. An editor without a profile gets none of
this: their pages are what they were before profiles existed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import msg
from sitegen.plan.photos import ImageFile, ImageInfo, Referrer
from sitegen.plan.taxonomy import editor_path
from sitegen.read.profiles import EditorProfile, ProfileLink

# the width a profile's photo is shown at (the layout's portrait): its srcset's smallest
# variant serves even a 3x screen
PHOTO_SIZES = "6rem"


@dataclass(frozen=True, slots=True)
class Profile:
    """What the editor's page and articles show of a profile."""

    name: str
    path: str  # the editor's page
    jabatan: str
    satuan: str
    bio: tuple[str, ...]
    links: tuple[ProfileLink, ...]
    photo: ImageInfo | None
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        # a page's fingerprint takes the profile in one step (see plan.fingerprint)
        text = repr((self.name, self.path, self.jabatan, self.satuan, self.bio, self.links, self.photo))
        object.__setattr__(self, "digest", hashlib.blake2b(text.encode(), digest_size=16).hexdigest())

    @property
    def same_as(self) -> tuple[str, ...]:
        """The web links, for the structured data's ``sameAs`` (an e-mail address is no page)."""
        return tuple(link.url for link in self.links if link.is_web)


def plan_profiles(
    config: SiteConfig, read: Iterable[EditorProfile], editors: Collection[str], files: Mapping[str, ImageFile]
) -> tuple[dict[str, Profile], list[Diagnostic]]:
    """Every profile by its editor's slug, with its photo's variants (``files``, as images.plan
    made them). ``editors``: the slugs of the editors with published articles; a profile of
    another is a warning, and is planned all the same (the dev server's quick render shows it
    when an article is filed under that editor)."""
    profiles: dict[str, Profile] = {}
    problems = []
    for profile in read:
        if profile.slug not in editors:
            message = msg(
                "'{name}' has a profile but no published article: check the spelling of 'name'", name=profile.name
            )
            problems.append(warning(profile.source, profile.line, message))
        photo = None
        ref = profile.photo
        if ref is not None and ref.path in files:
            file = files[ref.path]
            largest = file.variants[-1]
            photo = ImageInfo(ref.src, file.variants, largest.width, largest.height, ref.alt)
        path = editor_path(config, profile.slug)
        profiles[profile.slug] = Profile(
            profile.name, path, profile.jabatan, profile.satuan, profile.bio, profile.links, photo
        )
    return profiles, problems


def shown_photos(shown: Iterable[Referrer], files: Mapping[str, ImageFile]) -> tuple[ImageFile, ...]:
    """The photos the published articles and their editors' profiles show, each once, by path:
    the files whose variants the build makes."""
    paths = {ref.path for item in shown for ref in item.images if ref.path in files}
    return tuple(files[path] for path in sorted(paths))
