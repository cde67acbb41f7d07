"""The pure domain: plain Python on the ground floor, importing no Django and no app.

vocabulary (the names everything shares), the profile contract, the catalog format, the
questionnaire definition and the scoring engine. The Django apps stand on these; import-linter
(`make lint`) keeps every import pointing down.
"""
