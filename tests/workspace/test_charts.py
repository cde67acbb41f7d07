"""The trend chart's SVG: one point per assessment, gaps where an ecosystem was not scored, and a
dashed marker where the method changed."""

from advisor.workspace.charts import TrendPoint, trend_chart_svg


def test_points_line_and_values_with_a_gap_for_an_unscored_assessment():
    points = [
        TrendPoint("2026-03-01", 40.0, "moderate"),
        TrendPoint("2026-06-01", None),
        TrendPoint("2026-09-01", 80.0, "critical"),
    ]

    svg = trend_chart_svg(title="Google over 3 assessments", points=points, chart_id="trend-google")

    assert svg.count("<circle") == 2
    assert svg.count("<polyline") == 1
    assert ">40.0</text>" in svg
    assert ">80.0</text>" in svg
    assert 'fill="#b42318"' in svg  # the critical point in the critical band's colour
    assert "new method" not in svg
    assert '<title id="trend-google-title">Google over 3 assessments</title>' in svg
    assert "style=" not in svg  # presentation attributes only: the CSP allows no inline style


def test_the_method_change_is_marked_before_the_point_scored_differently():
    points = [TrendPoint("Q1", 40.0, "moderate"), TrendPoint("Q2", 45.0, "moderate", method_changed=True)]

    svg = trend_chart_svg(title="Index", points=points, chart_id="trend-overall")

    assert svg.count("new method") == 1
    assert 'stroke-dasharray="4 3"' in svg


def test_a_single_assessment_is_one_point_without_a_line_and_names_are_escaped():
    svg = trend_chart_svg(
        title="A & B <ecosystem>", points=[TrendPoint("Q1", 10.0, "low")], chart_id="trend-x"
    )

    assert svg.count("<circle") == 1
    assert "<polyline" not in svg
    assert "A &amp; B &lt;ecosystem&gt;" in svg
