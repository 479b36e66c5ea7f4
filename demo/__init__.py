"""Demo data at national scale: `generate.py` writes it, `delete.py` removes it.

Both are driven by `manage.py generate_demo_data` (demo/management/commands/). Apart from
the product: no module of `poles/` or `territories/` imports this app."""
