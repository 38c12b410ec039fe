from sitrep import taxonomy


def test_precedence_ranks_all_25_sub_event_types_once():
    assert len(taxonomy.SUB_EVENT_TYPES) == 25
    assert len(set(taxonomy.SUB_EVENT_TYPES)) == 25
    assert taxonomy.RANK["Government regains territory"] == 1
    assert taxonomy.RANK["Other"] == 25


def test_air_strike_outranks_shelling_and_battles_outrank_everything():
    assert taxonomy.RANK["Air/drone strike"] < taxonomy.RANK["Shelling/artillery/missile attack"]
    assert taxonomy.RANK["Armed clash"] < taxonomy.RANK["Excessive force against protesters"]
    assert taxonomy.RANK["Sexual violence"] < taxonomy.RANK["Attack"]


def test_disorder_types_follow_the_codebook_exceptions():
    assert taxonomy.disorder_type_of("Mob violence") == "Political violence"
    assert taxonomy.disorder_type_of("Violent demonstration") == "Demonstrations"
    assert taxonomy.disorder_type_of("Excessive force against protesters") == (
        "Political violence; Demonstrations"
    )
    assert taxonomy.disorder_type_of("Arrests") == "Strategic developments"


def test_plover_is_derived_from_cameo_with_the_2021_exceptions():
    assert taxonomy.plover_of("190") == "ASSAULT"
    assert taxonomy.plover_of("192") == "COERCE"
    assert taxonomy.plover_of("1712") == "ASSAULT"
    assert taxonomy.plover_of("1711") == "COERCE"
    assert taxonomy.plover_of("0871") == "RETREAT"
    assert taxonomy.plover_of("081") == "CONCEDE"
    assert taxonomy.plover_of("057") == "SUPPORT"
    assert taxonomy.plover_of("141") == "PROTEST"
    assert taxonomy.plover_of(None) is None


def test_every_default_cameo_maps_to_a_plover_type_or_none():
    for sub, cameo in taxonomy.DEFAULT_CAMEO.items():
        assert sub in taxonomy.RANK
        if cameo is not None:
            assert taxonomy.plover_of(cameo) is not None


def test_interaction_puts_the_smaller_code_first_and_adds_zero_for_one_side():
    assert taxonomy.interaction(2, 1) == 12
    assert taxonomy.interaction(6, 0) == 60
    assert taxonomy.interaction(8, 7) == 78
