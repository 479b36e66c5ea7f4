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
