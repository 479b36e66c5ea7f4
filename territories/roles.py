"""The portal's roles in the admin (Django groups)."""

# Region officers (service ESS of the Conseil régional): view every record and export, change
# nothing. Created with its permissions by the migration territories/0002_region_officers_group,
# which holds a copy of this name.
REGION_OFFICERS = "Services de la Région (lecture seule)"
