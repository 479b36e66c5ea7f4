"""Free-text search over poles: the `q` of /poles/.

`search_poles(queryset, text)` keeps the poles of `queryset` whose texts match `text`:
name and full name, objectives, actions, difficulties, strengths and interesting practices,
and the names and acronyms of the pole's member actors, of its carrying structure and of the
structure carrying its prefiguration study (Steredenn for Dinan). A pole matches when every
word of the query is found somewhere in these texts; the words may be in different fields.

The texts are read from each pole's stored search document (`Pole.search_text`, unaccented
and lowercased; built and kept up to date by poles/search/document.py), not gathered at query
time:

- PostgreSQL: full-text search of the document's `search_vector` column (GIN-indexed) with
  the `french_unaccent` configuration (French stemming, accents ignored; created by migration
  0003) and websearch syntax (`"…"`, `or`, `-mot`).
- SQLite: every significant word of the query (three letters or more, not a French stop
  word, hyphenated words kept whole, a final plural s or x dropped) must be a substring of
  the document; `or` and `-mot` are read as PostgreSQL reads them.

Either way the result is the queryset filtered on the poles' own rows: one SQL query, no
duplicate rows, and a plain queryset that can still be filtered, ordered and paginated.
"""

import re

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

from core.sqlite_functions import unaccent
from poles.models import Pole
from poles.search.document import refresh_pending_documents

SEARCH_CONFIG = "french_unaccent"
MAX_QUERY_LENGTH = 500  # characters of the query that are searched
VECTOR_COLUMN = "search_vector"  # PostgreSQL only, not a model field (migration 0011)

# PostgreSQL's French stop words (tsearch_data/french.stop) and the articles and prepositions
# it keeps, without accents; words of one or two letters are ignored anyway.
STOP_WORDS = frozenset(
    unaccent(word)
    for word in """
    les aux avec ces dans des elle eux leur lui mais meme mes moi mon nos notre nous par pas
    pour que qui ses son sur tes toi ton une vos votre vous ete etee etees etes etant etante
    etants etantes suis est sommes sont serai seras sera serons serez seront serais serait
    serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois
    soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants
    eue eues eus avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions
    auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons
    ayez aient eusse eusses eussions eussiez eussent
    """.split()
)
# A word, hyphenated ones whole: "co-production" is looked for as such, as PostgreSQL does.
WORD = re.compile(r"\w+(?:-\w+)*")


def search_poles(queryset, text):
    """The poles of `queryset` matching `text`; `queryset` itself when `text` is blank."""
    text = (text or "").replace("\x00", " ").strip()
    if not text:
        return queryset
    text = _truncated(text)
    if connections[queryset.db].vendor == "postgresql":
        text = _postgresql_query_text(text)
        if not WORD.search(text):
            return queryset.none()
        condition = Q(pk__in=_postgresql_matches(text, connections[queryset.db]))
    else:
        alternatives = search_terms(text)
        if not alternatives:
            # Only stop words or punctuation: PostgreSQL finds nothing either.
            return queryset.none()
        condition = _fallback_condition(alternatives)
    # What the current transaction has written, it finds (no query when it has written none).
    refresh_pending_documents(queryset.db)
    return queryset.filter(condition)


def _truncated(text):
    """The first MAX_QUERY_LENGTH characters, without a last word cut in two: this bounds the
    SQL (one condition per word on SQLite)."""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[:MAX_QUERY_LENGTH]
    word_cut = not text[MAX_QUERY_LENGTH].isspace() and not cut[-1].isspace()
    if word_cut and len(cut.split()) > 1:
        cut = cut.rsplit(maxsplit=1)[0]
    return cut


def _postgresql_query_text(text):
    """The query without the words the SQLite fallback ignores too (one or two letters, French
    stop words), except in quoted phrases: `french_unaccent` keeps « les » and, as it removes
    accents before reading its stop words, « à », « même », « été », which a pole's texts would
    then have to contain."""
    parts = text.split('"')
    for index in range(0, len(parts), 2):  # outside quotes
        kept = " ".join(token for token in parts[index].split() if _is_kept(token))
        parts[index] = f" {kept} "
    return '"'.join(parts).strip()


def _is_kept(token):
    if token.lower() == "or":
        return True
    return any(len(word) > 2 and word not in STOP_WORDS for word in WORD.findall(unaccent(token)))


def _postgresql_matches(text, connection):
    """The ids of the poles whose document matches `text`, read with the GIN index of
    `search_vector`. A self-contained subquery (the column is no model field): it keeps its
    meaning whatever aliases the searched queryset's own query gets."""
    name = connection.ops.quote_name
    table, pk, vector = name(Pole._meta.db_table), name(Pole._meta.pk.column), name(VECTOR_COLUMN)
    return RawSQL(
        f"SELECT {pk} FROM {table} WHERE {vector} @@ websearch_to_tsquery(%s::regconfig, %s)",
        (SEARCH_CONFIG, text),
    )


def search_terms(text):
    """What the SQLite fallback looks for, read as PostgreSQL reads websearch syntax:
    alternatives separated by `or`, each a list of (word, excluded) that must all hold.

    'Les réseaux de Lorient or Maif -Dinan' → [[('reseau', False), ('lorient', False)],
    [('maif', False), ('dinan', True)]]. Quotes are ignored: a phrase's words are required
    one by one.
    """
    alternatives = [[]]
    for chunk in unaccent(text).split():
        if chunk == "or":
            alternatives.append([])
            continue
        excluded = chunk.startswith("-")
        for word in WORD.findall(chunk):
            if len(word) < 3 or word in STOP_WORDS:
                continue
            if len(word) > 3 and word[-1] in "sx":
                word = word[:-1]  # réseaux → reseau, mutuelles → mutuelle
            if (word, excluded) not in alternatives[-1]:
                alternatives[-1].append((word, excluded))
    return [terms for terms in alternatives if terms]


def _fallback_condition(alternatives):
    condition = Q()
    for terms in alternatives:
        required = Q()
        for word, excluded in terms:
            required &= ~_word_found(word) if excluded else _word_found(word)
        condition |= required
    return condition


def _word_found(word):
    """Poles having `word` in their document (the query's words and the document are both
    unaccented and lowercased; LIKE's wildcards in `word` are escaped)."""
    return Q(search_text__contains=word)
