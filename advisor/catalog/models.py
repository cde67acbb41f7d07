"""The vendor catalog, versioned.

A `CatalogVersion` is a draft while admins edit it and becomes immutable once
published: assessments, scores and reports point at a published version, so an old
report can be reproduced exactly. Every record belongs to one version; a new draft
starts as a copy of the active (latest published) version.

Each record class lists `DOCUMENT_FIELDS`, the keys it has in the fixture files
(docs/catalog-format.md), so `advisor.catalog.services` converts between the database
and the document in one generic place.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from advisor.domain import catalog_format
from advisor.domain.vocabulary import CHANNELS, SCENARIO_NAMES


class ImmutableCatalogError(ValidationError):
    pass


class NoPublishedCatalog(RuntimeError):
    pass


class CatalogVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CatalogVersion.Status.PUBLISHED)

    def active(self) -> "CatalogVersion | None":
        """The latest published version: what new assessments are scored against."""
        return self.published().order_by("-number").first()

    def require_active(self) -> "CatalogVersion":
        """The active version, or NoPublishedCatalog when nothing was ever published."""
        version = self.active()
        if version is None:
            raise NoPublishedCatalog("No catalog is published yet: run `python manage.py load_fixtures`.")
        return version


class CatalogVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    number = models.PositiveIntegerField(unique=True, null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    based_on = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    note = models.TextField(blank=True, help_text="What changed and why, for the version history.")
    metadata = models.JSONField(
        default=dict, blank=True, help_text="catalog.yaml: title, description, scales."
    )
    questionnaire = models.JSONField(
        default=dict, blank=True, help_text="questionnaire.yaml: the sections and questions of an assessment."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = CatalogVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number", "-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"v{self.number}" if self.is_published else f"draft #{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("publishing", False):
            stored = CatalogVersion.objects.filter(pk=self.pk).values("status", "note").first()
            if stored and stored["status"] == self.Status.PUBLISHED:
                raise ImmutableCatalogError(f"Catalog {self.label} is published and cannot change.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise ImmutableCatalogError(f"Catalog {self.label} is published and cannot be deleted.")
        return super().delete(*args, **kwargs)


class CatalogRecord(models.Model):
    """A record of one catalog version; it cannot change once its version is published."""

    version = models.ForeignKey(CatalogVersion, models.CASCADE, related_name="%(class)ss")
    source = models.JSONField(null=True, blank=True, help_text="{document, quote}")
    sources = models.JSONField(null=True, blank=True, help_text="[{document, quote}, …]")

    DOCUMENT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def _check_mutable(self) -> None:
        version = CatalogVersion.objects.filter(pk=self.version_id).only("status").first()
        if version is not None and version.is_published:
            raise ImmutableCatalogError(f"Catalog {version.label} is published; start a draft to change it.")

    def clean(self) -> None:
        for name in ("ecosystem", "channel"):
            if not hasattr(self, f"{name}_id") or getattr(self, f"{name}_id") is None:
                continue
            if getattr(self, name).version_id != self.version_id:
                raise ValidationError({name: f"Choose a {name} of the same catalog version."})

    def save(self, *args, **kwargs):
        self._check_mutable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_mutable()
        return super().delete(*args, **kwargs)


class Ecosystem(CatalogRecord):
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")
    name = models.CharField(max_length=100)
    companies = models.JSONField(default=list)
    hardware = models.CharField(max_length=200, null=True, blank=True)
    model_strategy = models.CharField(max_length=200, null=True, blank=True)
    open_weights = models.BooleanField(null=True, blank=True)
    primary_moat = models.CharField(max_length=200, null=True, blank=True)
    key_risk = models.CharField(max_length=200, null=True, blank=True)
    infrastructure_tiers = models.JSONField(default=list, help_text="[{company, tier 1–4, basis}]")
    summary = models.TextField(blank=True)

    DOCUMENT_FIELDS = (
        "slug",
        "name",
        "companies",
        "hardware",
        "model_strategy",
        "open_weights",
        "primary_moat",
        "key_risk",
        "infrastructure_tiers",
        "summary",
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="unique_ecosystem_per_version")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tier_label(self) -> str:
        return " / ".join(
            f"Tier {t['tier']} ({t['company']}{', inferred' if t.get('basis') == 'inferred' else ''})"
            for t in self.infrastructure_tiers
        )


class FoundationModel(CatalogRecord):
    class Architecture(models.TextChoices):
        MOE = "moe", "Mixture of experts"
        DENSE = "dense", "Dense"
        UNKNOWN = "unknown", "Unknown"

    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=100)
    ecosystem = models.ForeignKey(Ecosystem, models.CASCADE, related_name="models")
    parameters = models.CharField(max_length=50, null=True, blank=True, help_text="As the source writes it.")
    parameters_billions = models.FloatField(null=True, blank=True)
    architecture = models.CharField(max_length=10, choices=Architecture.choices)
    open_weights = models.BooleanField(default=False)
    mmlu = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    first_token_latency_ms = models.PositiveIntegerField(null=True, blank=True)
    cost_per_1m_output_usd = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0)])
    price_served_by = models.CharField(max_length=100, null=True, blank=True)

    DOCUMENT_FIELDS = (
        "slug",
        "name",
        "ecosystem",
        "parameters",
        "parameters_billions",
        "architecture",
        "open_weights",
        "mmlu",
        "first_token_latency_ms",
        "cost_per_1m_output_usd",
        "price_served_by",
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="unique_model_per_version")]

    def __str__(self) -> str:
        return self.name

    @property
    def price_via_third_party(self) -> bool:
        """True when the quoted price is a third party's (Llama 3.1 405B "via Groq")."""
        return bool(self.price_served_by) and self.price_served_by not in self.ecosystem.companies


class Channel(CatalogRecord):
    slug = models.SlugField(choices=[(slug, slug) for slug in CHANNELS])
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=100)
    description = models.TextField()

    DOCUMENT_FIELDS = ("slug", "name", "description")

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="unique_channel_per_version")]

    def __str__(self) -> str:
        return self.name


class MoatRating(CatalogRecord):
    ecosystem = models.ForeignKey(Ecosystem, models.CASCADE, related_name="moats")
    channel = models.ForeignKey(Channel, models.CASCADE, related_name="moats")
    strength = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(5)], help_text="0 (none) to 5 (very strong)."
    )
    justification = models.TextField()

    DOCUMENT_FIELDS = ("ecosystem", "channel", "strength", "justification")

    class Meta:
        ordering = ["version", "ecosystem__position", "channel__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "ecosystem", "channel"], name="unique_moat_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ecosystem} × {self.channel}: {self.strength}"


class RiskRating(CatalogRecord):
    # Built from the vocabulary, which owns the slugs and names (the stubs know only the
    # class syntax of TextChoices).
    Scenario = models.TextChoices(  # type: ignore[call-overload]
        "Scenario", [(slug.upper(), (slug, name)) for slug, name in SCENARIO_NAMES.items()]
    )

    ecosystem = models.ForeignKey(Ecosystem, models.CASCADE, related_name="risks")
    scenario = models.CharField(max_length=30, choices=Scenario.choices)
    likelihood = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    impact = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    justification = models.TextField()

    DOCUMENT_FIELDS = ("ecosystem", "scenario", "likelihood", "impact", "justification")

    class Meta:
        ordering = ["version", "ecosystem__position", "scenario"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "ecosystem", "scenario"], name="unique_risk_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ecosystem} – {self.get_scenario_display()}"


class Prediction(CatalogRecord):
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    horizon = models.CharField(max_length=20, null=True, blank=True)
    ecosystems = models.JSONField(default=list, blank=True, help_text="Slugs of the ecosystems concerned.")

    DOCUMENT_FIELDS = ("slug", "text", "horizon", "ecosystems")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="unique_prediction_per_version")
        ]

    def __str__(self) -> str:
        return self.slug


class MarketFigure(CatalogRecord):
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=30, choices=[(k, k) for k in catalog_format.MARKET_KINDS])
    label = models.CharField(max_length=200)
    figures = models.JSONField(default=dict, help_text="Named numbers, e.g. {value_2024_busd: 45}.")

    DOCUMENT_FIELDS = ("slug", "kind", "label")  # plus the named figures, flattened

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="unique_market_per_version")]

    def __str__(self) -> str:
        return self.label

    @property
    def display_value(self) -> str:
        """The single figure as a reader expects it: "60%", "18 months", "$12 per 1M tokens"."""
        value, unit = self.figures.get("value"), self.figures.get("unit", "")
        if value is None:
            return ""
        number = f"{value:g}"
        if unit == "percent":
            return f"{number}%"
        if unit.startswith("usd_per_1m"):
            return f"${number} per 1M tokens"
        return f"{number} {unit}".strip()
