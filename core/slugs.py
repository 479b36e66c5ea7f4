import functools

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify

# Letters that Unicode does not decompose: "Cœur" must give "coeur", as the admin's JS does.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def french_slugify(value):
    return slugify(value.translate(LIGATURES))


class SlugFromNameMixin:
    """A model whose empty `slug` is made from its `name` when saved."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = french_slugify(self.name)[: self._meta.get_field("slug").max_length]
        super().save(*args, **kwargs)


def slug_url(viewname, slug):
    """`reverse(viewname, kwargs={"slug": slug})` at a fraction of the cost: the pattern is
    reversed once per view and script prefix, then the slug put in. Lists of a national
    network link hundreds of territories, poles or actors per page, too many for a
    `reverse` each. A slug (letters, digits, hyphens) needs no quoting."""
    return _slug_pattern(viewname, get_script_prefix(), get_urlconf()).replace(
        SLUG_PLACEHOLDER, slug
    )


SLUG_PLACEHOLDER = "__slug__"


@functools.lru_cache(maxsize=64)
def _slug_pattern(viewname, script_prefix, urlconf):
    return reverse(viewname, kwargs={"slug": SLUG_PLACEHOLDER}, urlconf=urlconf)
