"""Actors: the ACLED actor lexicon (``lexicon``), actor names and how ACLED's relate to it
(``names``), and the spaCy entity patterns built from it (``patterns``)."""
