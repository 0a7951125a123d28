"""Country outlines for the map, from the world-atlas npm package (Natural Earth 1:110m
TopoJSON), installed by ``make setup`` under ``src/newsgraph/web/node_modules`` (or named by
``$NEWSGRAPH_WORLD_ATLAS``). Decoded here once per process into rings of [lon, lat]."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ATLAS = HERE / "node_modules" / "world-atlas" / "countries-110m.json"


def atlas_path() -> Path | None:
    given = os.environ.get("NEWSGRAPH_WORLD_ATLAS")
    path = Path(given) if given else ATLAS
    return path if path.is_file() else None


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        else:
            pts = [(round(p[0], 3), round(p[1], 3)) for p in arc]
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for ref in refs:
        pts = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


def decode(topo: dict[str, Any], layer: str = "countries") -> list[dict[str, Any]]:
    """The features of one TopoJSON layer as {"id", "name", "polygons": [[ring, ...], ...]}."""
    arcs = _arcs(topo)
    features = []
    for geom in topo["objects"][layer]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            polys = [geom["arcs"]]
        elif kind == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        features.append({
            "id": geom.get("id"), "name": (geom.get("properties") or {}).get("name"),
            "polygons": [[_ring(arcs, refs) for refs in poly] for poly in polys],
        })
    return features


@functools.lru_cache(maxsize=1)
def countries_json() -> bytes:
    """The countries as compact JSON bytes ({"source", "features"}), cached."""
    path = atlas_path()
    if path is None:
        return b'{"source": null, "features": []}'
    topo = json.loads(path.read_text("utf-8"))
    data = {"source": "Natural Earth 1:110m (world-atlas)", "features": decode(topo)}
    return json.dumps(data, separators=(",", ":")).encode("utf-8")
