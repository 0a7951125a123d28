"""One module per facet. ``registry`` holds the ordered stage list."""
