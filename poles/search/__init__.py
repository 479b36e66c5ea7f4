"""The search `q` of /poles/: `query.py` searches the poles' stored search documents,
`document.py` builds them and keeps them up to date."""

from poles.search.document import refresh_search_documents
from poles.search.query import search_poles, search_terms

__all__ = ["refresh_search_documents", "search_poles", "search_terms"]
