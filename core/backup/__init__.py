"""Backups of the portal: `manage.py backup` writes one archive, `manage.py restore` puts it
back into an empty database (README, « Sauvegarde et restauration »).

The archive is a zip file that restores into SQLite as well as PostgreSQL:

- `manifeste.json`: when and from what it was made (Django version, database vendor), the
  migrations applied to the database (the archive's migration state), the number of records
  of each model, and the size and SHA-256 of every other entry;
- `donnees.jsonl`: every record of the data, one JSON object a line (Django's "jsonl"
  serialization), written and read as a stream, model after model. Records are serialized
  as the database holds them, with the models of its migration state (historical models),
  so that a database not yet migrated to the code's head is backed up as it is;
- `fichiers/…`: every file under MEDIA_ROOT (uploaded documents), at the same relative path.

What is kept and what is not: every model of every app, except what the target database
makes for itself or what is worth nothing once restored: content types and permissions
(created by `migrate`; referred to by natural keys), sessions, django-axes' login attempts
and logs, the page cache's data version (a new one is set by the restore). Groups, which
migrations create too, are written without their ids and matched by name on restore.
Users keep their ids (and password hashes): a restore only goes into a database with no
user, so that nothing is overwritten.
"""

from core.backup.archive import BackupError
from core.backup.dump import default_output, write_backup
from core.backup.load import restore_backup

__all__ = ["BackupError", "default_output", "restore_backup", "write_backup"]
