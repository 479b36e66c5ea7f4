"""manage.py generate_demo_data: synthetic data at national scale, marked, and removable."""
