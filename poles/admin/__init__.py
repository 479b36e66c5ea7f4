from poles.admin import accounts, actor, content, funding, pole, study  # noqa: F401  (registers the admins)
