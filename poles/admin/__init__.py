from poles.admin import accounts, actor, content, funding, home, pole, study  # noqa: F401  (registers the admins)
