"""Documents in: files, folders, JSON lines, standard input and web pages become ``Document``
records (or ``Failure``s naming them), with their metadata; then screened before coding.

- ``read``: paths, folders, stdin, JSON lines, text decoding, size limits (``read_paths``);
- ``pages``: the main text of an HTML page;
- ``sidecars``: per-file metadata for folders (``name.txt.json``, ``metadata.csv``);
- ``screen``: encodable text, a readable language, one text per id (``Screen``);
- ``language``: a cheap language detector.
"""

from sitrep.ingest.read import read_paths

__all__ = ["read_paths"]
