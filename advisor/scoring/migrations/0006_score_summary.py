from django.db import migrations, models


def fill_summaries(apps, schema_editor):
    from advisor.scoring.models import score_summary

    Score = apps.get_model("scoring", "Score")
    for score in Score.objects.only("pk", "result").iterator(chunk_size=200):
        Score.objects.filter(pk=score.pk).update(summary=score_summary(score.result))


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0005_improvement_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="score",
            name="summary",
            field=models.JSONField(default=dict, editable=False),
        ),
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
    ]
