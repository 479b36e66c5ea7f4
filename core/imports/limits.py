"""How much of a file the admin's imports read, so that no file can exhaust a worker.

A CRES file holds dozens of rows (the seed data: some forty key figures, sixty actors); the
limits leave room for a whole network and stop a file built to fill the memory or outlast the
request before it is read (core/imports/formats.py):

- the file sent: 5 Mo (the import form);
- an XLSX once unzipped: 20 Mo, from the archive's list of members, nothing extracted (a few Mo
  of zip can hold Go of blank rows);
- the sheet's declared size and the lines read, blank ones included: 50 000 (a sheet often
  ends with formatted blank rows; more is a file to clean up or to split);
- the columns of the header line: 100 (every cell of a row is read up to the last column);
- the rows of data, header and blank lines not counted: 2 000 (each row is checked against the
  database at the preview, then again at the confirmation: each must end well within the
  app server's timeout).
"""

from core.formats import number

MAX_SIZE = 5 * 1024 * 1024
MAX_UNZIPPED = 20 * 1024 * 1024
MAX_LINES = 50_000
MAX_COLUMNS = 100
MAX_ROWS = 2_000

MEGABYTE = 1024 * 1024
SPLIT = "Découpez-le en plusieurs fichiers."
CLEAN_UP = "Supprimez les lignes vides en fin de feuille, ou découpez le fichier."


class FileRefused(ValueError):
    """A file that is not read, with the French reasons (one message each)."""

    def __init__(self, *messages):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def megabytes(size):
    return number(-(-size // MEGABYTE))  # rounded up: 20 Mo and 1 octet is « 21 Mo »


def check_size(size):
    if size > MAX_SIZE:
        raise FileRefused(f"Le fichier dépasse {megabytes(MAX_SIZE)} Mo.")


def check_unzipped_size(archive):
    """An XLSX's members, by the sizes its zip directory declares (reading a member never
    yields more than its declared size: zipfile stops there)."""
    unzipped = sum(member.file_size for member in archive.infolist())
    if unzipped > MAX_UNZIPPED:
        raise FileRefused(
            f"Une fois décompressé, ce fichier XLSX occupe {megabytes(unzipped)} Mo : un import "
            f"en lit {megabytes(MAX_UNZIPPED)} Mo au plus. Gardez seulement la feuille à "
            "importer, sans lignes vides en fin de feuille."
        )


def check_declared_lines(lines):
    if lines is not None and lines > MAX_LINES:
        raise FileRefused(
            f"La feuille déclare {number(lines)} lignes : un import en lit {number(MAX_LINES)} "
            f"au plus, lignes vides comprises. {CLEAN_UP}"
        )


def check_columns(columns):
    if columns > MAX_COLUMNS:
        raise FileRefused(
            f"La première ligne a {number(columns)} colonnes : un import en lit "
            f"{number(MAX_COLUMNS)} au plus."
        )


def check_lines(line):
    """Called with the number of each line read (the header is line 1)."""
    if line > MAX_LINES:
        raise FileRefused(
            f"Le fichier a plus de {number(MAX_LINES)} lignes, lignes vides comprises : un "
            f"import en lit {number(MAX_LINES)} au plus. {CLEAN_UP}"
        )


def check_rows(rows):
    """Called with the number of rows of data kept so far."""
    if rows > MAX_ROWS:
        raise FileRefused(
            f"Le fichier a plus de {number(MAX_ROWS)} lignes de données : un import en "
            f"accepte {number(MAX_ROWS)} au plus. {SPLIT}"
        )
