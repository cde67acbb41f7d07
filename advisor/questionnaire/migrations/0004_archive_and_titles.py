from django.db import migrations, models


def number_repeated_titles(apps, schema_editor):
    """Assessments of one organization that share a title get " (2)", " (3)"… in creation order,
    as new ones do (services.distinct_title)."""
    Assessment = apps.get_model("questionnaire", "Assessment")
    taken: dict[int, set[str]] = {}
    for assessment in Assessment.objects.order_by("organization_id", "created_at", "pk"):
        titles = taken.setdefault(assessment.organization_id, set())
        title, number = assessment.title, 1
        while title in titles:
            number += 1
            title = f"{assessment.title[:190]} ({number})"
        titles.add(title)
        if title != assessment.title:
            Assessment.objects.filter(pk=assessment.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0003_invitation_results_visibility"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="archived_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Archived assessments are hidden from lists unless asked for.",
                null=True,
            ),
        ),
        migrations.RunPython(number_repeated_titles, migrations.RunPython.noop),
    ]
