from poles.admin import actor, content, funding, pole, study  # noqa: F401  (registers the admins)
