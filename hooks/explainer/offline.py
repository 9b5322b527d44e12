"""The offline edition: the whole built site, every edition, as one reproducible zip.

A reader unpacks it and opens ``index.html`` in the folder it makes: the site
works from ``file://`` (relative links, the search index inlined, no request to
another host). Two builds of the same input give the same bytes: the entries
are sorted, and every entry has the same timestamp (the last commit's, from
``SOURCE_DATE_EPOCH``, else 1 January 1980, the earliest a zip can hold), the
same permissions and the same compression.
"""

from __future__ import annotations

import os
import time
import zipfile
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

EARLIEST: Final = (1980, 1, 1, 0, 0, 0)
"""The zip format cannot hold an earlier date."""
UNIX: Final = 3
"""The "made by" system of every entry, so that its permissions are read as Unix ones."""
FILE_MODE: Final = 0o100644
"""A regular file, readable by all: no entry unpacks as executable."""


def timestamp() -> tuple[int, int, int, int, int, int]:
    """Every entry's date and time: SOURCE_DATE_EPOCH in UTC when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return EARLIEST
    stamp = time.gmtime(int(epoch))[:6]
    return max(EARLIEST, (stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5]))


def write_zip(site: Path, target: Path, top: str, *, leave_out: frozenset[str]) -> int:
    """Zip every file of site under the folder ``top``, leaving out the names given.

    The zip is written beside target and renamed into place, so that target is
    never half-written. Returns the number of files.
    """
    stamp = timestamp()
    files = sorted(
        (path.relative_to(site).as_posix(), path)
        for path in site.rglob("*")
        if path.is_file() and not path.is_symlink() and path != target
    )
    partial = target.with_name(f".{target.name}.partial")
    count = 0
    with zipfile.ZipFile(partial, "w") as archive:
        for name, path in files:
            if name in leave_out:
                continue
            entry = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            entry.create_system = UNIX
            entry.external_attr = FILE_MODE << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes(), compresslevel=9)
            count += 1
    partial.replace(target)
    return count
