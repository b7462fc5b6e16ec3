"""Knowing that a file is unchanged without reading it: its stamp, and when a stamp is settled.

A file whose stamp (size, modification and change times, inode, device) is the one recorded
when its bytes were hashed still holds those bytes, as git's index trusts them: writing a
file changes its change time, which no program can set back. Timestamps are coarse, though:
a file written within RACY_NS of the moment it was hashed could be written again under the
same times. Such a stamp is not settled, and the file is read again next time.
"""

from __future__ import annotations

import os

Stamp = tuple[int, int, int, int, int]  # a file's size, mtime, ctime, inode and device

RACY_NS = 2_000_000_000


def stamp(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def settled(file: Stamp, hashed_at: int) -> bool:
    """True when a file last written at ``file``'s times, and hashed at ``hashed_at`` (ns since
    the epoch), cannot have been written again since under the same stamp."""
    return max(file[1], file[2]) < hashed_at - RACY_NS
