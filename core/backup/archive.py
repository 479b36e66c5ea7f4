"""The archive's layout and its manifest; opening an archive and checking it whole before
anything is restored from it."""

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

FORMAT = "portail-ess-sauvegarde"
FORMAT_VERSION = 1
MANIFEST = "manifeste.json"
DATA = "donnees.jsonl"
FILES = "fichiers/"
CHUNK = 1024 * 1024  # bytes read or written at a time


class BackupError(Exception):
    """A backup or a restore refused or failed; the message is for the person running it."""


def sha256_of(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def safe_relative_path(name):
    """`name` as a relative path that stays inside the folder it is put in, or None."""
    if not name or "\\" in name or "\x00" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return path


@dataclass
class Archive:
    """An opened archive whose manifest has been read and checked."""

    path: str
    zip: zipfile.ZipFile
    manifest: dict

    @property
    def migrations(self):
        """The archive's applied migrations, as (app label, migration name)."""
        return {(app, name) for app, names in self.manifest["migrations"].items() for name in names}

    @property
    def files(self):
        return self.manifest["fichiers"]

    def close(self):
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def open_archive(path):
    """Open the archive at `path` and check its manifest (not yet its contents: `verify`)."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"L'archive « {path} » n'existe pas.") from None
    except IsADirectoryError:
        raise BackupError(f"« {path} » est un dossier, pas une archive de sauvegarde.") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(
            f"« {path} » n'est pas une archive de sauvegarde lisible (fichier zip abîmé, "
            f"tronqué ou d'un autre type) : {error}"
        ) from None
    try:
        manifest = read_manifest(archive, path)
    except BaseException:
        archive.close()
        raise
    return Archive(path=str(path), zip=archive, manifest=manifest)


def read_manifest(archive, path):
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise BackupError(
            f"« {path} » n'est pas une sauvegarde du portail : son manifeste ({MANIFEST}) "
            "est absent."
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"Le manifeste de « {path} » est illisible : {error}") from None
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(
            f"Le manifeste de « {path} » n'est pas du JSON valide : {error}"
        ) from None
    problem = manifest_problem(manifest)
    if problem:
        raise BackupError(f"Le manifeste de « {path} » est incomplet ou abîmé : {problem}.")
    return manifest


def manifest_problem(manifest):
    """What is wrong with a manifest, in French, or None."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return f"ce n'est pas un manifeste de sauvegarde du portail (format « {FORMAT} » attendu)"
    version = manifest.get("version_format")
    if not isinstance(version, int):
        return "la version du format manque"
    if version > FORMAT_VERSION:
        return (
            f"l'archive est au format {version}, ce code ne lit que le format "
            f"{FORMAT_VERSION} ou antérieur : mettez le portail à jour"
        )
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names)
        for names in migrations.values()
    ):
        return "l'état des migrations manque"
    counts = manifest.get("objets")
    if not isinstance(counts, dict) or not all(isinstance(n, int) for n in counts.values()):
        return "le nombre d'objets par modèle manque"
    data = manifest.get("donnees")
    if not isinstance(data, dict) or not {"chemin", "octets", "sha256"} <= data.keys():
        return "la description des données manque"
    if data["chemin"] != DATA:
        return f"les données doivent être dans « {DATA} »"
    files = manifest.get("fichiers")
    if not isinstance(files, list):
        return "la liste des fichiers manque"
    for file in files:
        if not isinstance(file, dict) or not {"chemin", "octets", "sha256"} <= file.keys():
            return "un fichier de la liste n'a pas son chemin, sa taille ou son empreinte"
        if safe_relative_path(file["chemin"]) is None:
            return f"le chemin de fichier « {file['chemin']} » sortirait du dossier des fichiers"
    return None


def verify(archive):
    """Read every entry the manifest lists and compare its size and SHA-256 with the
    manifest's; refuse entries it does not list. Nothing is written."""
    listed = {DATA: archive.manifest["donnees"]}
    for file in archive.files:
        listed[FILES + file["chemin"]] = file
    present = {info.filename for info in archive.zip.infolist() if not info.is_dir()}
    extra = sorted(present - listed.keys() - {MANIFEST})
    if extra:
        raise BackupError(
            f"L'archive contient des fichiers que son manifeste ne liste pas : "
            f"{', '.join(extra[:5])}{' …' if len(extra) > 5 else ''}"
        )
    for name, expected in listed.items():
        if name not in present:
            raise BackupError(f"L'archive est incomplète : « {name} » manque.")
        try:
            with archive.zip.open(name) as entry:
                digest = sha256_of(entry)
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as error:
            raise BackupError(f"« {name} » est illisible dans l'archive : {error}") from None
        size = archive.zip.getinfo(name).file_size
        if size != expected["octets"] or digest != expected["sha256"]:
            raise BackupError(
                f"« {name} » ne correspond pas au manifeste (taille ou empreinte SHA-256 "
                "différente) : l'archive est abîmée."
            )
