"""What the fuzzer reads besides the seed: records with odd names, and the values the
strategies sample from."""

from django.apps import apps
from django.core.files.base import ContentFile

from tests.factories import (
    ActorFactory,
    DocumentFactory,
    FunderFactory,
    FundingLineFactory,
    MembershipFactory,
    PoleFactory,
    ProgrammeFactory,
    TerritoryFactory,
)
from tests.fuzz.strategies import filter_values
from tests.portal_models import APP_LABELS

# Names a visitor may meet: accents, quotes, markup-like text, the longest a name may be.
ODD_NAMES = [
    'Pôle « L\'Économie » "Coop" & <b>Solidaire</b>',
    "Cœur d'Émeraude — Œuvres ½ ‰ ∑ 日本 🙂",
    "É" * 199 + "e",
    "'; DROP TABLE poles_pole; --",
]
DOCUMENT_CONTENT = b"%PDF-1.4 fuzz"


def odd_records():
    """A pole and an actor for each odd name, members of each other, on a territory with
    an odd name, funded over the widest years; a document with a file, one without."""
    territory = TerritoryFactory(name=ODD_NAMES[1])
    programme = ProgrammeFactory(funder=FunderFactory(name=ODD_NAMES[0]), name=ODD_NAMES[3])
    for name in ODD_NAMES:
        pole = PoleFactory(name=name, territories=[territory], full_name=name)
        actor = ActorFactory(name=name, acronym=name[:20], territory=territory)
        MembershipFactory(pole=pole, actor=actor)
        FundingLineFactory(pole=pole, programme=programme, start_year=1990, end_year=2100)
    document = DocumentFactory(pole=pole, title=ODD_NAMES[0])
    document.file.save("compte-rendu.pdf", ContentFile(DOCUMENT_CONTENT), save=True)
    DocumentFactory(pole=pole, title="Sans fichier")


def samples():
    """Values the URL converters may take from the data: {field name: values}, over every
    model of the portal (a `<slug:slug>` route may be any model's slug, `<int:pk>` any pk)."""
    values = {}
    for model in apps.get_models():
        if model._meta.app_label not in APP_LABELS:
            continue
        for field in model._meta.get_fields():
            if field.name in ("slug", "code") and hasattr(field, "attname"):
                values.setdefault(field.name, set()).update(
                    model.objects.values_list(field.name, flat=True)
                )
        values.setdefault("pk", set()).update(model.objects.values_list("pk", flat=True))
    return {name: sorted(map(str, found)) for name, found in values.items()}


class FuzzData:
    """What the strategies sample from: `samples` ({field name: values} of the data) and,
    per FilterSet, the values its filters accept (read once)."""

    def __init__(self):
        self.samples = samples()
        self._filter_values = {}

    def values_for(self, route):
        filterset_class = route.filterset_class
        if filterset_class is None:
            return self.samples
        if filterset_class not in self._filter_values:
            self._filter_values[filterset_class] = filter_values(filterset_class, self.samples)
        return self._filter_values[filterset_class]

    def __repr__(self):  # hypothesis prints it with every failing example
        return "FuzzData(seed + odd records)"
