"""Places: name keys, the gazetteer index and its read side, the country decision, geocoding.

- ``names``: every name key, accent folding, transliteration skeleton and the same-name rule.
- ``index`` builds the SQLite index (``dumps`` adds GeoNames dumps, ``subdivisions`` ISO 3166-2
  divisions); ``gazetteer`` reads it; ``scan`` and ``votes`` find names in text and the country
  they vote for.
- ``country`` decides an event's country; ``geocode`` places it (``context``: the words around a
  name); ``outlets`` gives an outlet's home country; ``geometry`` distances.
"""
