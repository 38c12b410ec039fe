from sitrep.records import Actor, Claim, Contradiction, Event, Mention, Version


def _event() -> Event:
    claim = Claim("fatalities", 2, "doc-1", "Reuters", (10, 17), "2 dead", "casualties", 0.8)
    versions = (Version(2, ("Reuters",), ("doc-1",)), Version(5, ("AFP",), ("doc-2",), latest=True))
    return Event(
        event_id="e1",
        documents=("doc-1", "doc-2"),
        event_date="2021-03-04",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)",
        inter1=1,
        claims=(claim,),
        contradictions=(Contradiction("fatalities", versions),),
    )


def test_event_round_trips_through_a_plain_dict():
    event = _event()
    data = event.to_dict()
    assert data["claims"][0]["span"] == [10, 17]
    assert Event.from_dict(data) == event


def test_mention_round_trips_with_nested_actors():
    mention = Mention(
        document="d",
        trigger="clashed",
        trigger_span=(0, 7),
        event_type="Battles",
        sub_event_type="Armed clash",
        disorder_type="Political violence",
        actor1=Actor("Al Shabaab", 2, "Somalia", "rebel", "al-Shabab", 3, 12),
    )
    assert Mention.from_dict(mention.to_dict()) == mention
