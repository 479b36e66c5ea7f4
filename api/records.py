"""The API's records, each as its public page shows it (api/serializers.py for the pieces)."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import LINK_ITEM, Addresses, Choice, FuzzyDate, Link, absolute, links

# ----- territories and their key figures


class KeyFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        allow_null=True, help_text="Année des données (null si la source ne la dit pas)."
    )
    source = serializers.CharField()
    establishments = serializers.IntegerField(
        allow_null=True, help_text="Établissements employeurs de l'ESS."
    )
    salaried_jobs = serializers.IntegerField(
        allow_null=True, help_text="Emplois salariés de l'ESS."
    )
    salaried_jobs_share = serializers.DecimalField(
        4, 1, allow_null=True, help_text="Part des effectifs salariés du territoire (%)."
    )
    associations = serializers.IntegerField(allow_null=True)
    associations_share = serializers.DecimalField(
        4,
        1,
        allow_null=True,
        help_text="Part des associations parmi les établissements de l'ESS (%), indiquée ou calculée.",
    )
    cooperatives = serializers.IntegerField(allow_null=True)
    cooperatives_share = serializers.DecimalField(
        4, 1, allow_null=True, help_text="Part des coopératives (%), indiquée ou calculée."
    )


class TerritorySerializer(Addresses):
    route = "territory"
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = Choice("kind")
    region = serializers.CharField(source="region.name")
    departments = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
        }
    )
    def get_departments(self, territory):
        return [{"code": d.code, "name": d.name} for d in territory.departments.all()]


class TerritoryDetailSerializer(TerritorySerializer):
    key_figures = KeyFiguresSerializer(
        many=True, source="key_figures.all", help_text="Par année, la plus récente d'abord."
    )
    poles = serializers.SerializerMethodField()
    actors = serializers.SerializerMethodField()

    @extend_schema_field(
        {"type": "array", "items": LINK_ITEM, "description": "Les pôles du territoire."}
    )
    def get_poles(self, territory):
        return links("pole", territory.poles.all(), self.context.get("request"))

    @extend_schema_field(
        {
            "type": "string",
            "format": "uri",
            "description": "La liste des acteurs situés sur le territoire.",
        }
    )
    def get_actors(self, territory):
        path = f"{reverse('api:actor-list')}?{urlencode({'territory': territory.slug})}"
        return absolute(self.context.get("request"), path)


# ----- actors


class ActorSerializer(Addresses):
    route = "actor"
    slug = serializers.CharField()
    name = serializers.CharField()
    acronym = serializers.CharField()
    kind = Choice("kind")
    is_ess = serializers.BooleanField(
        help_text="Structure de l'ESS (vrai) ou partenaire des pôles (faux), selon sa nature."
    )
    territory = Link("territory", allow_null=True)


class ActorMembershipSerializer(serializers.Serializer):
    pole = Link("pole")
    role = Choice("role")
    started_on = FuzzyDate("started_on")
    ended_on = FuzzyDate("ended_on")
    note = serializers.CharField()


class CarriedStudySerializer(serializers.Serializer):
    title = serializers.CharField()
    pole = Link("pole")
    status = Choice("status")
    launched_on = FuzzyDate("launched_on")
    ended_on = FuzzyDate("ended_on")


class NetworkMemberSerializer(serializers.Serializer):
    pole = Link("pole")
    status = Choice("status")
    note = serializers.CharField()


class ActorDetailSerializer(ActorSerializer):
    founded_on = FuzzyDate("founded_on")
    website = serializers.CharField()
    description = serializers.CharField()
    memberships = ActorMembershipSerializer(many=True, source="memberships.all")
    carried_poles = serializers.SerializerMethodField(help_text="Les pôles qu'il porte.")
    carried_studies = CarriedStudySerializer(
        many=True,
        source="carried_studies.all",
        help_text="Les études de préfiguration qu'il porte.",
    )
    network_members = NetworkMemberSerializer(
        many=True,
        source="pole_memberships.all",
        help_text="Pour un réseau : les pôles qui en sont membres.",
    )

    @extend_schema_field({"type": "array", "items": LINK_ITEM})
    def get_carried_poles(self, actor):
        return links("pole", actor.carried_poles.all(), self.context.get("request"))


# ----- documents and contacts (of a pole or of a programme)


class DocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = Choice("kind")
    description = serializers.CharField()
    author = serializers.CharField()
    date = FuzzyDate("date")
    licence = serializers.CharField()
    download = serializers.SerializerMethodField()
    online = serializers.CharField(source="url", help_text="Adresse du document en ligne.")

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download(self, document):
        if not document.file:
            return None
        path = reverse("document_download", args=[document.pk])
        return absolute(self.context.get("request"), path)


class ContactSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    service = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


# ----- funders, programmes, funding lines


class FunderSerializer(Addresses):
    route = "funder"
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = Choice("kind")
    region = serializers.CharField(source="region.name", allow_null=True, default=None)
    department = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
        }
    )
    def get_department(self, funder):
        department = funder.department
        return None if department is None else {"code": department.code, "name": department.name}


class ProgrammeSerializer(Addresses):
    route = "programme"
    slug = serializers.CharField()
    name = serializers.CharField()
    funder = Link("funder")


class ProgrammeDetailSerializer(ProgrammeSerializer):
    action = serializers.CharField()
    objectives = serializers.CharField()
    targets = serializers.CharField()
    implementation = serializers.CharField()
    resources = serializers.CharField()
    other_partners = serializers.CharField()
    evaluation = serializers.CharField()
    context = serializers.CharField()
    more_info = serializers.CharField()
    rules = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True, source="contacts.all")
    documents = DocumentSerializer(many=True, source="documents.all")

    @extend_schema_field(
        {
            "type": "object",
            "description": "Les règles du programme, vérifiées sur chaque ligne de financement.",
            "properties": {
                "study_max_amount": {"type": "string", "format": "decimal", "nullable": True},
                "operating_amount_per_post_year": {
                    "type": "string",
                    "format": "decimal",
                    "nullable": True,
                },
                "operating_max_years": {"type": "integer", "nullable": True},
                "operating_min_posts": {"type": "integer", "nullable": True},
                "operating_max_posts": {"type": "integer", "nullable": True},
            },
        }
    )
    def get_rules(self, programme):
        def decimal(value):
            return None if value is None else str(value)

        return {
            "study_max_amount": decimal(programme.study_max_amount),
            "operating_amount_per_post_year": decimal(programme.operating_amount_per_post_year),
            "operating_max_years": programme.operating_max_years,
            "operating_min_posts": programme.operating_min_posts,
            "operating_max_posts": programme.operating_max_posts,
        }


class FundingLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    pole = Link("pole")
    study = serializers.CharField(source="study.title", allow_null=True, default=None)
    funder = Link("funder", allow_null=True)
    programme = Link("programme", allow_null=True)
    kind = Choice("kind")
    status = Choice("status")
    amount = serializers.DecimalField(
        12,
        2,
        allow_null=True,
        help_text="Montant total de la ligne (€), null s'il n'est pas connu.",
    )
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True)
    posts = serializers.IntegerField(allow_null=True)
    yearly_amounts = serializers.SerializerMethodField()
    note = serializers.CharField()
    source = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, line):
        return absolute(
            self.context.get("request"), reverse("api:fundingline-detail", args=[line.pk])
        )

    @extend_schema_field(
        {
            "type": "array",
            "description": "Les montants par année budgétaire, tels que l'échéancier de la ligne les donne.",
            "items": {
                "type": "object",
                "properties": {
                    "year": {"type": "integer"},
                    "amount": {"type": "string", "format": "decimal"},
                },
            },
        }
    )
    def get_yearly_amounts(self, line):
        return [
            {"year": int(year), "amount": amount}
            for year, amount in sorted((line.schedule or {}).items())
        ]


# ----- poles


class PoleSerializer(Addresses):
    route = "pole"
    slug = serializers.CharField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    name_is_descriptive = serializers.BooleanField(
        help_text="Le nom décrit le pôle par son territoire : ce n'est pas son nom propre."
    )
    status = Choice("status")
    territories = serializers.SerializerMethodField()
    created_on = FuzzyDate("created_on")
    created_on_note = serializers.CharField()
    carrying_structure = Link("actor", allow_null=True)

    @extend_schema_field({"type": "array", "items": LINK_ITEM})
    def get_territories(self, pole):
        return links("territory", pole.territories.all(), self.context.get("request"))


class ObjectiveSerializer(serializers.Serializer):
    title = serializers.CharField()
    details = serializers.CharField()


class ActionSerializer(serializers.Serializer):
    title = serializers.CharField()
    details = serializers.CharField()
    state = Choice("state")
    date = FuzzyDate("date")


class StrengthSerializer(serializers.Serializer):
    kind = Choice("kind")
    text = serializers.CharField()


class StudySerializer(serializers.Serializer):
    title = serializers.CharField()
    carrier = Link("actor", allow_null=True)
    status = Choice("status")
    launched_on = FuzzyDate("launched_on")
    ended_on = FuzzyDate("ended_on")
    methodology = serializers.CharField()
    note = serializers.CharField()


class PoleMembershipSerializer(serializers.Serializer):
    actor = Link("actor")
    role = Choice("role")
    started_on = FuzzyDate("started_on")
    ended_on = FuzzyDate("ended_on")
    note = serializers.CharField()


class NetworkSerializer(serializers.Serializer):
    network = Link("actor")
    status = Choice("status")
    note = serializers.CharField()


class StatusChangeSerializer(serializers.Serializer):
    status = Choice("status")
    changed_on = FuzzyDate("changed_on")
    note = serializers.CharField()
    source = serializers.CharField()


class PoleDetailSerializer(PoleSerializer):
    purpose = serializers.CharField()
    history = serializers.CharField()
    motivations = serializers.CharField()
    actors_count = serializers.IntegerField(allow_null=True)
    actors_count_is_approximate = serializers.BooleanField()
    governance_body = serializers.CharField()
    governance_actors_count = serializers.IntegerField(allow_null=True)
    member_structures_count = serializers.IntegerField(allow_null=True)
    individual_members_count = serializers.IntegerField(allow_null=True)
    staff_count = serializers.IntegerField(allow_null=True)
    staff_fte = serializers.DecimalField(5, 2, allow_null=True)
    facilitators_count = serializers.IntegerField(allow_null=True)
    facilitators_fte = serializers.DecimalField(5, 2, allow_null=True)
    facilitators_note = serializers.CharField()
    budget = serializers.DecimalField(12, 2, allow_null=True)
    subsidy_share = serializers.DecimalField(4, 1, allow_null=True)
    functions = serializers.SerializerMethodField()
    size_score = serializers.IntegerField(allow_null=True, help_text="Note de la CRES, 1 à 5.")
    structuration_score = serializers.IntegerField(
        allow_null=True, help_text="Note de la CRES, 1 à 5."
    )
    website = serializers.CharField()
    key_figures = KeyFiguresSerializer(
        allow_null=True,
        help_text="Les chiffres clés que la page du pôle montre.",
    )
    objectives = ObjectiveSerializer(many=True, source="objectives.all")
    actions = ActionSerializer(many=True, source="actions.all")
    difficulties = serializers.SerializerMethodField()
    strengths = StrengthSerializer(many=True, source="strengths.all")
    studies = StudySerializer(many=True, source="studies.all")
    memberships = PoleMembershipSerializer(many=True, source="memberships.all")
    networks = NetworkSerializer(many=True, source="network_memberships.all")
    documents = DocumentSerializer(many=True, source="documents.all")
    contacts = ContactSerializer(many=True, source="contacts.all")
    status_history = StatusChangeSerializer(many=True, source="status_changes.all")
    funding_lines = FundingLineSerializer(many=True, source="funding_lines.all")

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_functions(self, pole):
        return [function.name for function in pole.functions.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_difficulties(self, pole):
        return [difficulty.text for difficulty in pole.difficulties.all()]
