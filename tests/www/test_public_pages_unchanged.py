"""The seed's public pages and downloads, byte for byte, against the record kept in
`public_pages.json` (a SHA-256 per address).

The record was taken before the house was rebuilt (issue « The house rebuilt »): moving code
between apps must not change what a visitor reads. A change meant to alter a public page
updates the record in the same commit: `UPDATE_PUBLIC_PAGES=1 pytest <this file>`, and the
diff of the record shows which addresses changed."""

import hashlib
import json
import os
from pathlib import Path

from tests.www.public import public_urls, read_pages

RECORD = Path(__file__).with_name("public_pages.json")


def digest(body):
    """SHA-256 of a page, or of a spreadsheet's parts in name order."""
    if isinstance(body, dict):
        parts = hashlib.sha256()
        for name in sorted(body):
            parts.update(name.encode() + b"\0" + hashlib.sha256(body[name]).digest())
        return parts.hexdigest()
    return hashlib.sha256(body).hexdigest()


def test_the_seed_public_pages_and_downloads_are_unchanged(seed, client):
    pages = read_pages(client, public_urls())
    now = {url: f"{content_type} {digest(body)}" for url, (content_type, body) in pages.items()}
    if os.environ.get("UPDATE_PUBLIC_PAGES"):
        RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    changed = sorted(
        url for url in recorded.keys() | now.keys() if recorded.get(url) != now.get(url)
    )
    assert changed == [], f"{len(changed)} pages publiques ont changé : {changed[:20]}"
    assert len(now) > 60
