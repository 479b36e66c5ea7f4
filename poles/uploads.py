"""Uploaded documents are accepted only when their content is what their extension says.

Accepted: PDF, OpenDocument (odt, ods, odp), Office (doc, xls, ppt, docx, xlsx, pptx), CSV,
PNG and JPEG. The content is recognised by its signature, not trusted from the name or the
browser's content type; HTML, SVG, scripts and executables are refused by name. An Office
file's declared main part ([Content_Types].xml) and an OpenDocument's `mimetype` entry must be
those of its extension: an .xlsx renamed .docx is refused. Only those entries are read, and
no more than ZIP_ENTRY_BYTES of each: the archive is never extracted.

The uploaded file's name is kept (Document.original_name) up to ORIGINAL_NAME_LENGTH
characters, as browsers and Django's uploads allow; a longer one keeps its end (extension)."""

import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
ORIGINAL_NAME_LENGTH = 255
ZIP_ENTRY_BYTES = 1024 * 1024
ACCEPTED = (
    "PDF, OpenDocument (odt, ods, odp), Office (doc, docx, xls, xlsx, ppt, pptx), CSV, PNG, JPEG"
)
REFUSED = {
    "html": "une page HTML",
    "htm": "une page HTML",
    "xhtml": "une page HTML",
    "svg": "une image SVG (elle peut contenir du code)",
    "js": "un script",
    "exe": "un exécutable",
    "msi": "un exécutable",
    "bat": "un exécutable",
    "cmd": "un exécutable",
    "sh": "un script",
    "com": "un exécutable",
    "scr": "un exécutable",
    "jar": "un exécutable",
    "apk": "un exécutable",
    "dll": "un exécutable",
}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt (Office 97–2003)
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body")
OFFICE_XML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
# The content type of each format's main part, as [Content_Types].xml declares it.
OFFICE_XML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b([^>]*)>")
ATTRIBUTE = re.compile(rb"""\b(PartName|ContentType)\s*=\s*["']([^"']*)["']""")
OPENDOCUMENT_TYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_entries(file, names):
    """{name: its first ZIP_ENTRY_BYTES bytes} for those of `names` the zip archive `file`
    holds, with the set of all its entries' names; ({}, set()) if it is no zip archive."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = set(archive.namelist())
            read = {}
            for name in names:
                if name in entries:
                    with archive.open(name) as entry:
                        read[name] = entry.read(ZIP_ENTRY_BYTES)
            return read, entries
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return {}, set()  # not a zip archive, or an encrypted, damaged or unusual one
    finally:
        file.seek(0)


def _main_parts(content_types):
    """(part name, content type) of the main parts [Content_Types].xml declares."""
    parts = []
    for override in OVERRIDE.findall(content_types):
        attributes = dict(ATTRIBUTE.findall(override))
        content_type = attributes.get(b"ContentType", b"").decode("ascii", "replace")
        if content_type.endswith(".main+xml"):
            parts.append(
                (attributes.get(b"PartName", b"").decode("utf-8", "replace"), content_type)
            )
    return parts


def _is_office_xml(file, extension):
    """The archive declares one main part, of this extension's type, in its folder."""
    read, entries = _zip_entries(file, ["[Content_Types].xml"])
    parts = _main_parts(read.get("[Content_Types].xml", b""))
    if len(parts) != 1:
        return False
    part, content_type = parts[0]
    name = part.removeprefix("/")
    return (
        content_type == OFFICE_XML_MAIN[extension]
        and name.startswith(OFFICE_XML_FOLDER[extension])
        and name in entries
    )


def _is_opendocument(file, extension):
    read, _entries = _zip_entries(file, ["mimetype"])
    return read.get("mimetype", b"").strip() == OPENDOCUMENT_TYPE[extension]


def _is_csv(head):
    if b"\x00" in head or head.lstrip().lower().startswith(MARKUP_STARTS):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine; anything else is not text.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def content_matches(file, extension):
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE)
    if extension in OFFICE_XML_FOLDER:
        return head.startswith(b"PK\x03\x04") and _is_office_xml(file, extension)
    if extension in OPENDOCUMENT_TYPE:
        return head.startswith(b"PK\x03\x04") and _is_opendocument(file, extension)
    if extension == "csv":
        return _is_csv(head)
    return False


ACCEPTED_EXTENSIONS = (
    {"pdf", "png", "jpg", "jpeg", "doc", "xls", "ppt", "csv"}
    | set(OFFICE_XML_FOLDER)
    | set(OPENDOCUMENT_TYPE)
)


def check_upload(file):
    """Raise a French ValidationError unless `file` is an accepted, honest document."""
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    if extension in REFUSED:
        raise ValidationError(
            f"Ce fichier est {REFUSED[extension]} : ce type de fichier est refusé. "
            f"Formats acceptés : {ACCEPTED}."
        )
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(
            f"L'extension « .{extension or '?'} » n'est pas acceptée. Formats acceptés : {ACCEPTED}."
        )
    if file.size > MAX_BYTES:
        raise ValidationError("Un document ne peut pas dépasser 20 Mo.")
    if _head(file, 16).startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError("Ce fichier est un exécutable : ce type de fichier est refusé.")
    if not content_matches(file, extension):
        raise ValidationError(
            f"Le contenu de ce fichier ne correspond pas à son extension « .{extension} » : "
            "il a été refusé. Vérifiez le fichier, ou enregistrez-le dans son format d'origine."
        )


def shortened(name):
    """An uploaded file's name as kept: no folders, no control characters, at most
    ORIGINAL_NAME_LENGTH characters, its extension kept."""
    name = PurePath(str(name).replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    name = " ".join(name.split())
    if len(name) <= ORIGINAL_NAME_LENGTH:
        return name
    extension = PurePath(name).suffix[:16]
    return name[: ORIGINAL_NAME_LENGTH - len(extension)].rstrip() + extension
