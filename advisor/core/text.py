from django.utils.text import slugify


def unique_slug(model, name: str, field: str = "slug", max_length: int = 50) -> str:
    """A slug from `name` not yet used by `model`, with -2, -3… when taken."""
    base = slugify(name)[: max_length - 4] or "item"
    slug, n = base, 1
    while model.objects.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
