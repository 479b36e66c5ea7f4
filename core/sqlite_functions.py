"""SQL functions that SQLite lacks and the portal's queries use (PostgreSQL has its own).

`unaccent(text)` lowercases and strips accents, so that the fallback search of
poles/search/ can compare "Réseau" with "reseau" inside SQL. Registered on every
new SQLite connection by `PolesConfig.ready()`.
"""

import unicodedata

# Letters that Unicode does not decompose, spelt out as PostgreSQL's unaccent does.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def unaccent(value):
    """'Kerfléau' → 'kerfleau', 'CŒUR' → 'coeur'; None stays None (SQL NULL)."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value).lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def register_sqlite_functions(sender, connection, **kwargs):
    """`connection_created` receiver: add the functions to a new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, unaccent, deterministic=True)
