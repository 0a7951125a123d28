"""The geocode stage and the offline gazetteer: must-shows on the seed, and twins on
articles written for these tests (invented people, numbers and dates; real places)."""

from __future__ import annotations

import re

import pytest

from newsgraph.kb import gazetteer as gz
from newsgraph.pipeline import Article, Settings, Work
from newsgraph.record import ArticleRecord, Entity, Mention
from newsgraph.stages import geocode
from newsgraph.stages.geocode import resolve


def _km(geo_or_place: object, lat: float, lon: float) -> float:
    return gz.haversine_km(geo_or_place.lat, geo_or_place.lon, lat, lon)  # type: ignore[attr-defined]


def _entity(record: ArticleRecord, name: str) -> Entity:
    for ent in record.entities:
        if ent.name == name or any(m.text == name for m in ent.mentions):
            return ent
    raise AssertionError(f"no entity {name!r} in {[e.name for e in record.entities]}")


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    """Spans of every whole-word occurrence of the names, in text order."""
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text)]


def _resolved(text: str, *names: str) -> list[tuple[str, gz.Place | None]]:
    spans = _spans(text, *names)
    return [(text[s:e], p) for (s, e), p in zip(spans, resolve(text, spans), strict=True)]


# --- the seed ---------------------------------------------------------------------------

def test_seed_vladivostok_and_brussels(seed_record: ArticleRecord) -> None:
    vlad = _entity(seed_record, "Vladivostok").geo
    assert vlad is not None and vlad.country == "RU"
    assert _km(vlad, 43.115, 131.885) < 25
    brus = _entity(seed_record, "Brussels").geo
    assert brus is not None and brus.country == "BE"
    assert _km(brus, 50.85, 4.35) < 25


def test_seed_every_place_resolved_or_warned(seed_record: ArticleRecord) -> None:
    warned = {(w.start, w.end) for w in seed_record.warnings if w.code == "geo_unknown"}
    for ent in seed_record.entities:
        if ent.type in geocode.PLACE_TYPES and ent.geo is None:
            assert any((m.start, m.end) in warned for m in ent.mentions), ent.name
    countries = {e.geo.country for e in seed_record.entities if e.geo and e.type == "GPE"}
    assert {"RU", "KP", "UA"} <= countries


# --- twins: our own articles --------------------------------------------------------------

TWIN_US = (
    "SPRINGFIELD, Ill. — Governor Marla Quenby of Illinois met 14 farmers in Springfield, "
    "Illinois, on Tuesday before flying to Seattle. Washington state officials said the "
    "Yakima River was low, and Olympia asked Washington for 2.3 million dollars. Later she "
    "visited Atlanta and Savannah, two cities in Georgia, where the Georgia legislature "
    "debated water rights."
)

TWIN_WORLD = (
    "Foreign minister Tamar Oskaridze spoke in Tbilisi on 9 March. Georgia, she said, would "
    "open a rail link to Batumi and to Yerevan in Armenia by 2031. Delegates from Kyiv and "
    "the U.S. attended; a trade office in Kiev will open as well, and the UK sent two envoys "
    "from London."
)


def test_twin_state_and_city_share_a_name() -> None:
    got = _resolved(TWIN_US, "Springfield", "Illinois", "Seattle", "Washington", "Yakima River",
                    "Olympia", "Atlanta", "Savannah", "Georgia")
    by = {}
    for name, place in got:
        by.setdefault(name, []).append(place)
    spring = by["Springfield"][0]
    assert spring is not None and (spring.cc, spring.admin1) == ("US", "IL")
    wa_state, wa_capital = by["Washington"]
    assert wa_state is not None and wa_state.kind == "adm1" and wa_state.admin1 == "WA"
    assert wa_capital is not None and wa_capital.kind == "city" and wa_capital.admin1 == "DC"
    assert all(p is not None and p.kind == "adm1" and p.cc == "US" and p.admin1 == "GA"
               for p in by["Georgia"])
    savannah = by["Savannah"][0]
    assert savannah is not None and savannah.admin1 == "GA"
    assert by["Yakima River"] == [None]  # not in the gazetteer: null, and the others unharmed


def test_twin_country_georgia_and_aliases() -> None:
    got = dict(_resolved(TWIN_WORLD, "Tbilisi", "Georgia", "Batumi", "Yerevan", "Armenia",
                         "Kyiv", "Kiev", "U.S.", "UK", "London"))
    georgia = got["Georgia"]
    assert georgia is not None and georgia.kind == "country" and georgia.cc == "GE"
    assert got["Kiev"] is not None and got["Kyiv"] is not None
    assert got["Kiev"].gid == got["Kyiv"].gid and got["Kyiv"].cc == "UA"
    us, uk = got["U.S."], got["UK"]
    assert us is not None and us.kind == "country" and us.cc == "US"
    assert uk is not None and uk.kind == "country" and uk.cc == "GB"
    london = got["London"]
    assert london is not None and london.cc == "GB" and _km(london, 51.51, -0.13) < 25


def test_twin_pipeline_sets_geo(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(TWIN_WORLD)
    tbilisi = _entity(record, "Tbilisi").geo
    assert tbilisi is not None and tbilisi.country == "GE" and _km(tbilisi, 41.69, 44.83) < 25
    for ent in record.entities:
        if ent.geo is not None:
            assert -90 <= ent.geo.lat <= 90 and -180 <= ent.geo.lon <= 180
            assert ent.geo.geonames is not None and gz.place(ent.geo.geonames) is not None


def test_countries_and_capitals_never_namesakes() -> None:
    text = "Talks in China, Chile and Jordan; envoys flew from Paris and Moscow to Lima."
    got = dict(_resolved(text, "China", "Chile", "Jordan", "Paris", "Moscow", "Lima"))
    for name in ("China", "Chile", "Jordan"):
        p = got[name]
        assert p is not None and p.kind == "country", name
    assert got["Paris"] is not None and got["Paris"].cc == "FR"
    assert got["Moscow"] is not None and got["Moscow"].cc == "RU"
    assert got["Lima"] is not None and got["Lima"].cc == "PE"


def test_dateline_breaks_a_tie() -> None:
    text = "The council of Portland voted 7-2 to widen the bridge."
    spans = _spans(text, "Portland")
    (plain,) = resolve(text, spans)
    (maine,) = resolve(text, spans, geocode.Hints(dateline="Augusta, Maine"))
    assert plain is not None and maine is not None
    assert maine.admin1 == "ME" and plain.admin1 == "OR"


def test_unknown_place_warns_and_spares_the_others(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = "Relief trucks left Quarnholt Vale for Nairobi on Friday."
    record = run_extract(text)
    s1, s2 = text.index("Quarnholt Vale"), text.index("Nairobi")
    record.entities = [
        Entity(id="entity:0", name="Quarnholt Vale", type="GPE",
               mentions=[Mention(start=s1, end=s1 + 14, text="Quarnholt Vale")]),
        Entity(id="entity:1", name="Nairobi", type="GPE",
               mentions=[Mention(start=s2, end=s2 + 7, text="Nairobi")]),
    ]
    record.warnings = []
    work = Work(article=Article(content=text), settings=Settings(), record=record)
    geocode.STAGE.run(work)
    unknown, nairobi = record.entities
    assert unknown.geo is None
    assert [(w.code, w.start) for w in record.warnings] == [("geo_unknown", s1)]
    assert nairobi.geo is not None and nairobi.geo.country == "KE"


@pytest.mark.parametrize(("name", "cc"), [("Ill.", "US"), ("W.Va.", "US"), ("NY", "US"),
                                          ("Ont.", "CA"), ("B.C.", "CA")])
def test_state_abbreviations(name: str, cc: str) -> None:
    state = gz.us_state(name)
    assert state is not None and state.kind == "adm1" and state.cc == cc


def test_normalisation_keys() -> None:
    assert gz.norm("the U.K.") == "uk"
    assert gz.norm("São Paulo") == "sao paulo"
    assert gz.norm("Côte d’Ivoire") == gz.norm("Cote d'Ivoire")


@pytest.mark.parametrize(("hint", "cc"), [(None, "CA"), ("NZ", "NZ"), ("GB", "GB")])
def test_actor_country_breaks_a_tie(hint: str | None, cc: str) -> None:
    from collections import Counter

    text = "The mayor of Hamilton said the harbour would reopen on 4 May."
    hints = geocode.Hints(countries=Counter({hint: 1})) if hint else None
    (place,) = resolve(text, _spans(text, "Hamilton"), hints)
    assert place is not None and place.cc == cc


@pytest.mark.parametrize(("who", "cc"), [("Canadian", "CA"), ("American", "US")])
def test_actor_countries_read_from_the_record(run_extract, who: str, cc: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"{who} officials visited Richmond on Monday to inspect the port.")
    richmond = _entity(record, "Richmond").geo
    assert richmond is not None and richmond.country == cc


def test_a_list_is_not_a_container() -> None:
    text = ("Ferries linked Washington, New York and Boston in 1921, and later "
            "Springfield, Ill., and Peoria.")
    got = _resolved(text, "Washington", "New York", "Boston", "Springfield", "Ill.", "Peoria")
    places = dict(got)
    assert places["Washington"] is not None and places["Washington"].admin1 == "DC"
    assert places["New York"] is not None and places["New York"].kind == "city"
    assert places["Springfield"] is not None and places["Springfield"].admin1 == "IL"


def test_a_town_and_its_county_choose_each_other() -> None:
    text = "The Madison County sheriff, Dale Orvik, said the fire in Canton began at 3 a.m."
    county, town = resolve(text, _spans(text, "Madison County", "Canton"))
    assert county is not None and town is not None
    assert (town.cc, town.admin1) == ("US", county.admin1)
    assert town.admin2 == county.admin2  # Canton, Mississippi in Madison County, not Ohio's
    alone = "Canton police asked for help; the city lies 40 miles from Akron."
    town2, _ = resolve(alone, _spans(alone, "Canton", "Akron"))
    assert town2 is not None and town2.admin1 == "OH"


# --- accuracy push (issue 6): points, small towns, abbreviations ------------------------

def test_a_province_is_at_its_own_point_not_its_capital() -> None:
    text = ("Flooding closed 14 roads across the province of Quebec on Tuesday, and the "
            "premier of Ontario offered 30 pumps; crews from Manitoba left Winnipeg at dawn.")
    got = dict(_resolved(text, "Quebec", "Ontario", "Manitoba", "Winnipeg"))
    quebec, ontario, manitoba = got["Quebec"], got["Ontario"], got["Manitoba"]
    assert quebec is not None and quebec.kind == "adm1" and quebec.cc == "CA"
    assert ontario is not None and ontario.kind == "adm1"
    assert manitoba is not None and manitoba.kind == "adm1"
    # interior points, far from the capitals at the provinces' southern edges
    assert _km(quebec, 46.81, -71.21) > 300  # Quebec City
    assert _km(ontario, 43.70, -79.42) > 500  # Toronto
    assert _km(manitoba, 49.90, -97.14) > 300  # Winnipeg
    assert 48 < quebec.lat < 60 and -79 < quebec.lon < -60
    assert 45 < ontario.lat < 56 and -95 < ontario.lon < -75


def test_a_village_of_a_few_hundred_people_is_known() -> None:
    text = "The ferry to Stamsund, Norway, was cancelled after 42 knots of wind hit the Lofoten coast."
    [(_, stamsund)] = _resolved(text, "Stamsund")
    assert stamsund is not None and stamsund.cc == "NO" and stamsund.population < 1000
    assert _km(stamsund, 68.13, 13.85) < 10


def test_initials_are_not_a_state_abbreviation() -> None:
    text = ("Ines Ravel drove from L.A. to Monroe, La., in 31 hours, then on to Baton Rouge.")
    got = dict(_resolved(text, "L.A.", "Monroe"))
    la = got["L.A."]
    assert la is not None and la.kind == "city" and _km(la, 34.05, -118.24) < 30
    monroe = got["Monroe"]
    assert monroe is not None and monroe.cc == "US" and monroe.admin1 == "LA"


def test_a_demonym_beats_a_namesake_county() -> None:
    # "Canadian" names a county in the United States; as a place it is the country
    text = "Tariffs on Canadian lumber rose 9 percent, Ottawa said, and Mexican steel followed."
    got = dict(_resolved(text, "Canadian", "Mexican"))
    assert got["Canadian"] is not None and got["Canadian"].kind == "country"
    assert got["Canadian"].cc == "CA"
    assert got["Mexican"] is not None and got["Mexican"].cc == "MX"


def test_a_county_seat_beats_a_country_nothing_else_names() -> None:
    # Jordan, Minnesota lies in Scott County: beside the county, "Jordan" is the town
    text = ("A Jordan man, 47, was charged on Friday, the Scott County sheriff said; "
            "deputies found 12 stolen mowers in a barn.")
    got = dict(_resolved(text, "Jordan", "Scott County"))
    jordan = got["Jordan"]
    assert jordan is not None and jordan.kind == "city" and jordan.cc == "US"
    assert jordan.admin1 == "MN"
    # without a county beside it the country keeps its place
    text = "Talks in Jordan resumed on Monday, 11 delegations attending."
    [(_, country)] = _resolved(text, "Jordan")
    assert country is not None and country.kind == "country" and country.cc == "JO"


def test_a_regional_adjective_names_its_region() -> None:
    text = "Farmers on the Welsh border and Sicilian growers lost 18 percent of the harvest."
    got = dict(_resolved(text, "Welsh", "Sicilian"))
    assert got["Welsh"] is not None and got["Welsh"].kind == "adm1" and got["Welsh"].cc == "GB"
    assert got["Sicilian"] is not None and got["Sicilian"].cc == "IT"


def test_a_country_followed_by_another_country_is_not_inside_it() -> None:
    # Norway is also a town in Maine: "Norway, U.S. officials said" is no "Town, Country"
    text = ("Exports to Norway, U.S. officials said on Tuesday, fell 6 percent; Norway "
            "disputed the count.")
    got = _resolved(text, "Norway")
    assert len(got) == 2
    for _, p in got:
        assert p is not None and p.kind == "country" and p.cc == "NO"
    text = "The mill in Springfield, Illinois, closed after 88 years."
    [(_, town)] = _resolved(text, "Springfield")
    assert town is not None and town.cc == "US" and town.admin1 == "IL"


def test_a_direction_word_inside_a_name_is_not_a_region() -> None:
    # Uganda has a region called "Eastern", Cameroon one called "West": neither is meant here
    text = "Shelling hit Eastern Zorvania and West Pellamark overnight, killing 9."
    got = dict(_resolved(text, "Eastern Zorvania", "West Pellamark"))
    assert got == {"Eastern Zorvania": None, "West Pellamark": None}
    # the place a longer name is named after still counts
    text = "The Harare City Council met on Monday."
    [(_, harare)] = _resolved(text, "Harare City Council")
    assert harare is not None and harare.cc == "ZW"


# --- natural features and regions (geo_features.txt) -------------------------------------

def test_the_river_cue_picks_the_river_over_its_namesake_town() -> None:
    text = ("Barges idled in Columbia, S.C., on Monday while the Columbia river rose 3 feet "
            "near Vantoria Landing.")
    (town, river) = [p for _, p in _resolved(text, "Columbia")]
    assert town is not None and town.kind == "city" and town.admin1 == "SC"
    assert river is not None and river.kind == "feature" and river.fclass == "river"
    assert river.lon < -115  # the Pacific Northwest, not South Carolina
    # a name that holds its kind is the feature without a cue; the bare state stays a state
    text = "Floods on the Mississippi River reached Mississippi by Thursday."
    got = dict(_resolved(text, "Mississippi River", "Mississippi"))
    assert got["Mississippi River"] is not None and got["Mississippi River"].kind == "feature"
    assert got["Mississippi"] is not None and got["Mississippi"].kind == "adm1"


def test_a_cue_before_the_name_picks_the_feature() -> None:
    text = "Pirates struck in the Gulf of Aden, 300 km from Aden, and on Lake Kivu."
    spans = _spans(text, "Aden", "Kivu")
    gulf, port, lake = resolve(text, spans)
    assert gulf is not None and gulf.kind == "feature" and gulf.fclass == "gulf"
    assert port is not None and port.kind == "city" and port.cc == "YE"
    assert lake is not None and lake.fclass == "lake"


def test_seas_and_regions_resolve_without_a_geonames_id(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = "Tankers crossed the Black Sea toward the Balkans, officials in the Midwest said."
    got = dict(_resolved(text, "Black Sea", "Balkans", "Midwest"))
    sea, balkans, midwest = got["Black Sea"], got["Balkans"], got["Midwest"]
    assert sea is not None and sea.fclass == "sea" and _km(sea, 43.5, 34.0) < 300
    assert balkans is not None and balkans.fclass == "region" and not balkans.cc
    assert midwest is not None and midwest.cc == "US"
    geo = geocode.to_geo(sea)
    assert geo.geonames is None and geo.country is None
    assert gz.place(sea.gid) == sea  # a feature's own id finds it again


def test_the_features_file_is_well_formed() -> None:
    by_key, by_gid = gz.features()
    assert len(by_gid) > 500 and all(gid < 0 for gid in by_gid)
    classes = {p.fclass for p in by_gid.values()}
    assert {"ocean", "sea", "river", "lake", "range", "region", "island"} <= classes
    for p in by_gid.values():
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.name
        assert p.cc == "" or len(p.cc) == 2, p.name
        assert p in by_key[gz.norm(p.name)]


# --- the article's town ----------------------------------------------------------------

def test_an_unknown_street_is_placed_at_the_town_the_article_centres_on(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Nairobi police closed Quarnholt Lane on Friday. Nairobi traders said the lane "
            "had flooded twice.")
    record = run_extract(text)
    s1, s2, s3 = text.index("Nairobi"), text.index("Quarnholt Lane"), text.rindex("Nairobi")
    record.entities = [
        Entity(id="entity:0", name="Nairobi", type="GPE",
               mentions=[Mention(start=s1, end=s1 + 7, text="Nairobi"),
                         Mention(start=s3, end=s3 + 7, text="Nairobi")]),
        Entity(id="entity:1", name="Quarnholt Lane", type="FAC",
               mentions=[Mention(start=s2, end=s2 + 14, text="Quarnholt Lane")]),
    ]
    record.warnings = []
    work = Work(article=Article(content=text), settings=Settings(), record=record)
    geocode.STAGE.run(work)
    nairobi, lane = record.entities
    assert nairobi.geo is not None and nairobi.geo.geonames is not None
    assert lane.geo is not None and lane.geo.country == "KE" and lane.geo.geonames is None
    assert (lane.geo.lat, lane.geo.lon) == (nairobi.geo.lat, nairobi.geo.lon)
    assert [(w.code, w.start) for w in record.warnings] == [("geo_approximate", s2)]


def test_no_town_named_twice_no_approximate_place() -> None:
    text = "Crews from Nairobi and Mombasa cleared Quarnholt Lane."
    got = dict(_resolved(text, "Nairobi", "Mombasa", "Quarnholt Lane"))
    assert got["Quarnholt Lane"] is None
    text = "Crews from Nairobi cleared Quarnholt Lane; Nairobi paid."
    got = dict(_resolved(text, "Nairobi", "Quarnholt Lane"))
    lane = got["Quarnholt Lane"]
    assert lane is not None and lane.approx and lane.cc == "KE"
    # a word formed like the name of a people is no place of the town
    text = "Nairobi crews and Zorvanian traders cleared the lane; Nairobi paid."
    got = dict(_resolved(text, "Nairobi", "Zorvanian"))
    assert got["Zorvanian"] is None


def test_a_far_hamlet_stays_itself_and_an_unknown_bare_name_stays_unplaced() -> None:
    # Marfa is a Texas town of under 2,000 people: an article about Nairobi that names it
    # still means that town (a village of a war report is not the dateline's city)
    text = "Nairobi traders met at Marfa on Friday; Nairobi officials joined them."
    got = dict(_resolved(text, "Nairobi", "Marfa"))
    marfa = got["Marfa"]
    assert marfa is not None and not marfa.approx and marfa.admin1 == "TX"
    # a bare name the gazetteer lacks is no street of the town: null (and a warning)
    text = "Nairobi traders fled Zorvath on Friday; Nairobi officials met them."
    got = dict(_resolved(text, "Nairobi", "Zorvath"))
    assert got["Zorvath"] is None
    text = "Nairobi traders fled Zorvath Market on Friday; Nairobi officials met them."
    got = dict(_resolved(text, "Nairobi", "Zorvath Market"))
    market = got["Zorvath Market"]
    assert market is not None and market.approx and market.cc == "KE"


def test_short_forms_of_saint_mount_and_fort() -> None:
    text = "The fair moved from St. Paris, Ohio, to Ft. Myers after 41 years."
    got = dict(_resolved(text, "St. Paris", "Ft. Myers"))
    assert got["St. Paris"] is not None and got["St. Paris"].admin1 == "OH"
    assert got["Ft. Myers"] is not None and got["Ft. Myers"].admin1 == "FL"
    assert "saint paris" in geocode.variants("St. Paris")


def test_a_longer_name_is_named_after_its_leading_place_not_its_last_word() -> None:
    # "Centre" is a region of Burkina Faso: as the last word it is the kind of thing named
    assert geocode.candidates("Quarnholt Support Centre") == ()
    assert {p.cc for p in geocode.candidates("University of Nairobi")} == {"KE"}
    counties = geocode.candidates("Marion County Sheriff's Office")
    assert counties and all(p.kind == "adm2" and p.cc == "US" for p in counties)


def test_an_island_and_its_town_of_one_name_give_the_entry_with_an_id() -> None:
    text = "Ferries to Corfu ran 3 hours late on Sunday."
    [(_, corfu)] = _resolved(text, "Corfu")
    assert corfu is not None and corfu.kind == "city" and corfu.cc == "GR"
    assert geocode.to_geo(corfu).geonames == corfu.gid > 0


def test_a_direction_word_and_a_place_keep_the_place() -> None:
    # the last word alone, but every other word a direction: the place is named
    assert geocode.direct_candidates("South Kildare") == ()
    assert {(p.name, p.cc) for p in geocode.candidates("South Kildare")} == {("Kildare", "IE")}
    assert geocode.candidates("Kildare Support Centre")  # the leading place still counts


@pytest.mark.parametrize(("kind", "placed"), [("FAC", True), ("GPE", False)])
def test_an_unknown_building_is_placed_at_the_town_an_unknown_town_is_not(run_extract, kind: str,  # type: ignore[no-untyped-def]
                                                                          placed: bool) -> None:
    text = "Nairobi police sealed Quarnholt Spire on Friday. Nairobi traders said it had flooded."
    record = run_extract(text)
    s1, s2, s3 = text.index("Nairobi"), text.index("Quarnholt Spire"), text.rindex("Nairobi")
    record.entities = [
        Entity(id="entity:0", name="Nairobi", type="GPE",
               mentions=[Mention(start=s1, end=s1 + 7, text="Nairobi"),
                         Mention(start=s3, end=s3 + 7, text="Nairobi")]),
        Entity(id="entity:1", name="Quarnholt Spire", type=kind,
               mentions=[Mention(start=s2, end=s2 + 15, text="Quarnholt Spire")]),
    ]
    record.warnings = []
    work = Work(article=Article(content=text), settings=Settings(), record=record)
    geocode.STAGE.run(work)
    spire = record.entities[1]
    if placed:
        assert spire.geo is not None and spire.geo.country == "KE" and spire.geo.geonames is None
        assert [w.code for w in record.warnings] == ["geo_approximate"]
    else:
        assert spire.geo is None
        assert [w.code for w in record.warnings] == ["geo_unknown"]
