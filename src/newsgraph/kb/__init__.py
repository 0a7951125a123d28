"""The knowledge the system leans on (countries, capitals, organisations, gazetteer),
behind one lookup interface, with the data files versioned in the package."""

KB_VERSION = "kb-2026.11.1"
