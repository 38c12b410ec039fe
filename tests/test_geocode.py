"""The geocode stage on short texts written for these tests, against the real gazetteer."""

from __future__ import annotations

import pytest

from sitrep.places import geocode
from sitrep.places.geometry import haversine_km

QAMISHLI = (37.0522, 41.2314)


@pytest.fixture(scope="module")
def gazetteer(resources):
    return resources.gazetteer


def _locate(gazetteer, text: str, iso3: str, trigger: str):
    places = geocode.find_places(text, gazetteer, iso3)
    at = text.index(trigger)
    sentences, start = [], 0
    for part in text.split(". "):
        sentences.append((start, start + len(part) + 1))
        start += len(part) + 2
    return geocode.locate(text, places, (at, at + len(trigger)), sentences, gazetteer, iso3)


def _km(loc, point: tuple[float, float]) -> float:
    return haversine_km(loc.place.latitude, loc.place.longitude, *point)


def test_village_south_east_of_a_town_is_coded_near_the_town(gazetteer):
    text = "Gunmen fired on a patrol in a village south-east of Qamishli on Wednesday, residents said."
    loc = _locate(gazetteer, text, "SYR", "fired")
    assert loc is not None and loc.precision == 2
    assert _km(loc, QAMISHLI) < 25
    assert loc.place.admin1 == "Al-Hasakeh"


def test_dateline_city_is_not_the_event_place(gazetteer):
    text = "BEIRUT (Wire) - Three soldiers were killed when a roadside bomb struck their truck near Palmyra."
    loc = _locate(gazetteer, text, "SYR", "bomb")
    assert loc is not None and "Palmyra" in loc.name or "Tadmur" in loc.name


def test_city_a_spokesman_spoke_from_is_not_the_event_place(gazetteer):
    text = (
        "Militants stormed a police post in Kunduz, killing four officers. "
        "Speaking in Brussels, the defence secretary said the attack would not change plans."
    )
    loc = _locate(gazetteer, text, "AFG", "stormed")
    assert loc is not None and loc.name == "Kunduz"


def test_country_named_as_an_army_is_not_the_place(gazetteer):
    text = "Turkish forces shelled the town of Ras al-Ain on Friday, a monitor said."
    loc = _locate(gazetteer, text, "SYR", "shelled")
    assert loc is not None and loc.place.iso3 == "SYR"
    assert loc.place.admin1 == "Al-Hasakeh"


def test_province_named_alone_is_coded_to_its_capital_at_precision_3(gazetteer):
    text = "Air strikes hit several targets in Idlib province overnight."
    loc = _locate(gazetteer, text, "SYR", "strikes")
    assert loc is not None and loc.precision == 3
    assert loc.name == "Idlib"


def test_unknown_village_keeps_its_name_with_its_district_town_as_anchor(gazetteer):
    text = "Clashes broke out in Qarzawiyet village (Kismaayo, Lower Juba) on Monday."
    loc = _locate(gazetteer, text, "SOM", "Clashes")
    assert loc is not None
    assert loc.name == "Qarzawiyet" and loc.precision == 2
    assert loc.anchor == "Kismayo"
    assert text[loc.start : loc.end] == "Qarzawiyet"


def test_unknown_village_keeps_its_name_at_the_point_of_the_district_given(gazetteer):
    text = "Gunmen raided farms at Dangiwa, in Jere Local Government Area of Borno State, on Monday."
    loc = _locate(gazetteer, text, "NGA", "raided")
    assert loc is not None and loc.name == "Dangiwa"
    assert loc.precision == 2 and loc.place.admin2 == "Jere" and loc.place.admin1 == "Borno"


def test_unknown_village_named_before_its_province_is_kept_by_name(gazetteer):
    text = "Artillery shelled Tell Ghazal in Hama countryside on Friday."
    loc = _locate(gazetteer, text, "SYR", "shelled")
    assert loc is not None and loc.name == "Tell Ghazal" and loc.precision in (2, 3)


def test_a_newspaper_is_not_a_place(gazetteer):
    places = geocode.find_places("Writing in the Lagos Times, she said farmers had fled.", gazetteer, "NGA")
    assert all(p.text != "Lagos Times" for p in places)


def test_divisions_named_with_a_place_pick_its_namesake_inside_them(gazetteer):
    text = "Gunmen shot dead a taxi driver in Cuauhtemoc municipality, Chihuahua, on Friday."
    loc = _locate(gazetteer, text, "MEX", "shot")
    assert loc is not None and loc.place.admin1 == "Chihuahua"


def test_neighbourhood_is_coded_to_its_town(gazetteer):
    text = "In Zapopan, Jalisco, gunmen attacked two brothers in Colonia Santa Anita. Both died."
    loc = _locate(gazetteer, text, "MEX", "attacked")
    assert loc is not None and loc.name == "Zapopan"


def test_namesake_abroad_is_not_taken_for_a_village_named_at_home(gazetteer):
    places = geocode.find_places("Villagers clashed in Kewata village (Samastipur, Bihar).", gazetteer, "IND")
    kewata = next(p for p in places if p.text == "Kewata")
    assert kewata.place is None


def test_place_inside_a_persons_name_counts_only_when_something_happens_there(gazetteer):
    text = "Police dispersed a protest in Bnei Brak on Sunday."
    start = text.index("Bnei Brak")
    found = geocode.find_places(text, gazetteer, "ISR", [(start, start + 9)])
    assert [p.text for p in found] == ["Bnei Brak"]
    said = "A spokesman, Bnei Brak, said nothing."
    start = said.index("Bnei Brak")
    assert geocode.find_places(said, gazetteer, "ISR", [(start, start + 9)]) == []


def test_hierarchy_votes_pin_the_country_of_a_place_named_with_its_state(gazetteer):
    text = "A miner was killed in El Callao, Bolivar state, on Friday."
    votes = geocode.hierarchy_votes(text, gazetteer.scan(text))
    assert max(votes, key=lambda k: votes[k]) == "VEN"


def test_no_place_in_the_event_country_gives_no_location(gazetteer):
    text = "Protesters marched against the government on Sunday."
    assert _locate(gazetteer, text, "FRA", "marched") is None


def test_event_place_fields_are_claimed_on_the_span_that_names_the_place(resources):
    import sitrep
    from sitrep.records import Document

    text = "On 3 March 2021, gunmen killed two farmers near Kidal, residents said."
    events = sitrep.extract([Document(id="g1", text=text, published="2021-03-04")], resources)
    assert len(events) == 1
    event = events[0]
    assert event.location == "Kidal" and event.geo_precision == 2 and event.country == "Mali"
    claims = {c.field: c for c in event.claims if c.extractor == "geocode"}
    assert {"location", "admin1", "latitude", "longitude", "geo_precision"} <= set(claims)
    for claim in claims.values():
        assert text[claim.span[0] : claim.span[1]] == claim.quote == "Kidal"


def test_story_told_from_abroad_is_placed_in_the_town_where_it_happened(resources):
    import sitrep
    from sitrep.records import Document

    text = (
        "US soldier wounded as US troops clash with gunmen\n"
        "A firefight between US troops and gunmen broke out on Tuesday in the town of Al-Qamishli. "
        "US officials said the US patrol returned fire. Washington has not confirmed casualties. "
        "The US military and US diplomats gave no further details."
    )
    events = sitrep.extract([Document(id="g2", text=text, published="2020-02-12")], resources)
    assert len(events) == 1
    assert events[0].country == "Syria" and events[0].location == "Al Qamishli"


def test_big_city_keeps_its_country_beside_a_small_namesake_abroad(gazetteer):
    votes = gazetteer.country_votes(
        "Security forces arrested the staff of the Bostan charity in Damascus on Monday."
    )
    assert votes[0][0].iso3 == "SYR"


def test_town_named_to_say_where_another_lies_is_not_the_event_place(gazetteer):
    text = "Gunmen attacked a checkpoint in Tal Afar, a town near Mosul, killing three police officers."
    loc = _locate(gazetteer, text, "IRQ", "attacked")
    assert loc is not None and loc.name == "Tall 'Afar"


def test_name_given_as_a_region_is_its_division(gazetteer):
    text = "On Monday fishermen blocked traffic along the coast of Oaxaca, close to San Vicente Coatlan."
    loc = _locate(gazetteer, text, "MEX", "blocked")
    assert loc is not None and loc.name.startswith("San Vicente")


def test_region_named_alone_is_coded_to_its_real_centre_not_a_namesake_village(gazetteer):
    text = "Taliban fighters attacked police posts in Balkh province on Sunday."
    loc = _locate(gazetteer, text, "AFG", "attacked")
    assert loc is not None and loc.precision == 3 and loc.name.startswith("Mazar")


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for part in text.split("\n"):
        out.append((start, start + len(part) + 1))
        start += len(part) + 1
    return out


def test_event_word_in_a_headline_takes_its_place_from_the_lead(gazetteer):
    text = (
        "Attack on Plateau village kills 19\n"
        "JOS, Nigeria (Wire) - Gunmen killed 19 people overnight in the village of Kwall near Bassa, Plateau state.\n"
    )
    places = geocode.find_places(text, gazetteer, "NGA")
    at = text.index("Attack")
    loc = geocode.locate(text, places, (at, at + 6), _lines(text), gazetteer, "NGA")
    assert loc is not None and loc.name == "Kwall" and loc.anchor == "Bassa"


def test_unknown_district_far_from_any_named_town_is_coded_at_the_town_the_story_is_told_from(gazetteer):
    text = (
        "MOGADISHU (Wire) - Mortar shells landed in a crowded area of the capital on Tuesday, police said.\n"
        "The shells were fired from the outskirts and struck homes and a small market in Hamar Jajab "
        "district near the seaport, a police spokesman told reporters at the scene on Tuesday night.\n"
    )
    places = geocode.find_places(text, gazetteer, "SOM")
    at = text.index("struck")
    loc = geocode.locate(text, places, (at, at + 6), _lines(text), gazetteer, "SOM")
    assert loc is not None and loc.name == "Hamar Jajab" and loc.anchor == "Mogadishu"


def test_a_text_that_repeats_its_places_costs_what_its_distinct_names_cost(gazetteer, monkeypatch):
    calls = []
    compare = geocode.same_bare
    monkeypatch.setattr(geocode, "same_bare", lambda x, y: calls.append(1) or compare(x, y))
    text = "Gunmen killed five people in Kabul and two in Herat. " * 300
    places = geocode.find_places(text, gazetteer, "AFG")
    assert len(places) >= 600
    assert len(calls) <= 10


def _event(resources, text: str, outlet: str | None = None, url: str | None = None):
    import sitrep
    from sitrep.records import Document

    doc = Document(id="p", text=text, published="2021-03-02", outlet=outlet, url=url)
    events = sitrep.extract([doc], resources)
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        "Four fighters were killed in clashes between rebels and regime troops in the Syrian village of "
        "Kafr Nabudah on Sunday, US officials said. America keeps about 900 troops in the country.",
        "US troops kill a farmer in a Syrian village\n\nAmerican soldiers opened fire on villagers in Tal "
        "Baydar near Qamishli on Friday, killing one farmer, local sources said. The United States keeps its "
        "troops in north-eastern Syria, and America has not commented.",
    ],
)
def test_america_named_in_passing_does_not_place_a_syrian_clash_in_the_united_states(resources, text):
    event = _event(resources, text)
    assert event.country == "Syria" and event.location in ("Kafr Nabudah", "Tal Baydar")


@pytest.mark.parametrize(
    "text",
    [
        "Government shelling killed three civilians in the Syrian village of Kafr Sajna on Tuesday, "
        "activists told the Baltimore Sun.",
        "BEIRUT (AP) - Gunmen on motorcycles shot dead two shepherds in the Syrian village of Umm Batna on "
        "Monday, a war monitor said.",
    ],
)
def test_syrian_village_in_a_us_paper_is_not_placed_in_baltimore(resources, text):
    event = _event(resources, text, "The Baltimore Sun", "https://www.baltimoresun.com/news/world/story.html")
    assert event.country == "Syria" and event.location in ("Kafr Sajna", "Umm Batna")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Coalition warplanes struck a wedding party in the Yemeni village of Al-Raqa on Saturday, killing "
            "12 people. Several of the wounded were flown to Riyadh for treatment, and others were taken to a "
            "hospital in Aden.",
            "Al-Raqa",
        ),
        (
            "Saudi-led air strikes killed six civilians in the Sirwah district of Marib on Friday. The injured "
            "were taken to hospital in Sanaa, medics said.",
            "Suq Sirwah",
        ),
    ],
)
def test_yemeni_air_strike_is_not_placed_where_the_wounded_were_taken(resources, text, place):
    event = _event(resources, text)
    assert event.country == "Yemen" and event.location == place


def test_destination_of_the_wounded_is_not_where_the_event_happened():
    from sitrep.places.context import is_destination

    for text, name in [
        ("A woman who had been flown to Turkey on Sunday died of her wounds.", "Turkey"),
        ("The government flew 16 of the wounded to four hospitals in Ankara.", "Ankara"),
        ("The injured were taken to hospital in the capital, Sanaa.", "Sanaa"),
    ]:
        assert is_destination(text, text.index(name)), text
    for text, name in [
        ("An air strike hit a hospital in Saada.", "Saada"),
        ("Rebels had taken control of the road to Kidal.", "Kidal"),
    ]:
        assert not is_destination(text, text.index(name)), text


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        (
            "A roadside bomb struck an army convoy near the town of Baiji on Sunday, killing four Iraqi "
            "soldiers, US officials said. American troops were not in the convoy.",
            "Iraq",
            "Bayji",
        ),
        (
            "American troops and US officials watched as Kurdish fighters clashed with Islamic State militants "
            "near Shaddadi on Monday, leaving six militants dead.",
            "Syria",
            "Ash Shaddadah",
        ),
    ],
)
def test_american_troops_and_us_officials_are_modifiers_not_places(resources, text, country, place):
    event = _event(resources, text)
    assert event.country == country and event.location == place


def test_place_of_an_earlier_event_in_a_lead_clause_is_not_the_event_place(gazetteer):
    text = (
        "Hours after a consulate was torched in the city of Najaf, security forces killed 20 protesters as "
        "protests flared again in Nasiriyah."
    )
    loc = _locate(gazetteer, text, "IRQ", "killed")
    assert loc is not None and loc.name == "Nasiriyah"


def test_junction_named_after_a_town_is_not_that_town(gazetteer):
    text = (
        "MOGADISHU - A truck bomb exploded on Saturday at a busy checkpoint near the Afgoye junction, "
        "killing dozens, police in Mogadishu said."
    )
    loc = _locate(gazetteer, text, "SOM", "exploded")
    assert loc is not None and loc.name == "Mogadishu"
