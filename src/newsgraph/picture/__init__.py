"""The cross-article picture (issue 9): what many articles say together.

- ``entities``: one store entity across spellings and articles (KB key, else a name key;
  ids ``E<n>`` minted once, never renumbered; a merge leaves ``redirect_to``).
- ``events``: the merge rule (:func:`newsgraph.picture.events.same_event`) that joins
  reports of one event; the store and the ECB+ evaluation use the same function.
- ``stories``: articles clustered by shared events and entities within a time window, and
  text similarity (MinHash); near-duplicates are marked ``duplicate_of``.
- ``claims``: figures grouped into series by what they count (class of the measure's head
  word, unit, ``of``, ``at``), denials as points with stance ``denies``, contradictions and
  source independence (``n_reports`` / ``n_independent``).
- ``update``: the store write hook that keeps all of it in step, one article at a time.
- ``query``: the read side (stories, claim series, merged events).

Importing ``newsgraph.picture.update`` registers the hook (``newsgraph.store`` does it).
"""
