"""The seed's texts are its documents' own (docs/sources/), and fixtures/build_seed.py writes
fixtures/seed.json byte for byte."""

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT / "docs" / "sources"

# SHA-256 of the documents as the project received them (docs/sources/README.md).
RECEIVED = {
    "000-fiche-pole-c2sol-lorient.txt": (
        "0cea64e3c945890b2e47c4acab3ae1ad69a54ae9d57c4056f723c3607ba958b0"
    ),
    "001-fiche-prefiguration-pays-de-dinan.txt": (
        "e94773eebfab1d5a255803b9916788a7a133e0005f80fddea8cb6117a8dbc7de"
    ),
    "002-fiche-avise-programme-region-bretagne.txt": (
        "9324f88be57360c4afa691599332e62932e87825bcf9d26cf0b7612f56409aee"
    ),
    "003-fiche-pole-ecosolies-nantes.txt": (
        "4229dde1de3fdceda2f828c2ca237dc2d0e025035db2b1daa0875b90e5c4a9ba"
    ),
    "004-fiche-cres-poles-territoriaux-bretagne.txt": (
        "dcb8079cdcf64ca037310dd1ffc0fbb37e49a31c8ba05ce72734a19f0a9450ac"
    ),
}


@pytest.fixture
def build_seed():
    """The builder (loading it writes nothing: main() does)."""
    spec = importlib.util.spec_from_file_location("build_seed", ROOT / "fixtures" / "build_seed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sources(tmp_path):
    """A copy of the documents, to alter."""
    for path in SOURCES_DIR.glob("*.txt"):
        shutil.copy(path, tmp_path)
    return tmp_path


def alter(sources, name, old, new):
    path = sources / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_documents_are_as_received():
    found = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in SOURCES_DIR.glob("*.txt")
    }
    assert found == RECEIVED


def test_the_builder_writes_seed_json_byte_for_byte(build_seed):
    assert build_seed.render().encode("utf-8") == (ROOT / "fixtures" / "seed.json").read_bytes()


def test_every_checked_text_is_in_its_document(build_seed):
    assert build_seed.check_texts() == []


def test_every_long_text_is_checked(build_seed):
    """Each objective, action, difficulty and strength, and each text of the programme, is
    checked whole against a named document."""
    checked = {
        (model, pk, name)
        for model, pk, name, document, _text, whole in build_seed.checked_texts()
        if whole and document in build_seed.DOCUMENTS
    }
    for record in build_seed.RECORDS:
        model, pk = record["model"], record["pk"]
        for name in build_seed.VERBATIM_FIELDS.get(model, ()):
            if record["fields"].get(name):
                assert (model, pk, name) in checked
    models = {model for model, _pk, _name in checked}
    assert {
        "poles.objective",
        "poles.action",
        "poles.difficulty",
        "poles.strength",
        "funding.programme",
        "poles.pole",
        "actors.actor",
        "poles.document",
    } <= models
    assert len(checked) > 80


def test_an_altered_document_stops_the_build(build_seed, sources):
    alter(sources, "000-fiche-pole-c2sol-lorient.txt", "Professionnalisation", "Formation")

    assert build_seed.check_texts(sources) == [
        "poles.objective 1302, title: not found in 000-fiche-pole-c2sol-lorient.txt:\n"
        "    « Professionnalisation des acteurs de l'ESS »"
    ]


def test_a_quotation_is_checked(build_seed, sources):
    alter(sources, "004-fiche-cres-poles-territoriaux-bretagne.txt", "chef de la mission", "chef")

    assert build_seed.check_texts(sources) == [
        "poles.contact 1, note: not found in 004-fiche-cres-poles-territoriaux-bretagne.txt:\n"
        "    « chef de la mission économie sociale et solidaire, Conseil Régional Bretagne »"
    ]


def test_a_known_difference_is_checked_too(build_seed, sources):
    # The seed's title « Rencontres thématiques » stands for « organise des rencontres
    # thématiques »: that passage must still be in the document.
    alter(sources, "004-fiche-cres-poles-territoriaux-bretagne.txt", "organise des", "tient des")

    (problem,) = build_seed.check_texts(sources)
    assert problem.startswith(
        "poles.action 101, title: not found in 004-fiche-cres-poles-territoriaux-bretagne.txt "
        "(its known differences undone):"
    )


def test_a_known_difference_no_longer_needed_is_reported(build_seed, sources):
    alter(
        sources,
        "004-fiche-cres-poles-territoriaux-bretagne.txt",
        "sur le pays, organise",
        "sur le pays. organise",
    )

    assert build_seed.check_texts(sources) == [
        "poles.pole 1, history: found as is in 004-fiche-cres-poles-territoriaux-bretagne.txt, "
        "yet listed in KNOWN_DIFFERENCES"
    ]


def test_the_normalisation(build_seed):
    assert build_seed.normalise("- **C’est**\n• un  regroupement\n\n-de l’ESS") == (
        "C'est un regroupement de l'ESS"
    )


def test_the_build_fails_loudly_and_writes_nothing(build_seed, sources, tmp_path):
    alter(sources, "003-fiche-pole-ecosolies-nantes.txt", "Fort soutien", "Faible soutien")
    build_seed.SOURCES_DIR = sources
    build_seed.OUTPUT = tmp_path / "seed.json"

    with pytest.raises(SystemExit) as stopped:
        build_seed.main()

    assert str(stopped.value) == (
        f"1 text(s) of the seed do not match their document in {sources}; nothing written.\n"
        "poles.strength 1501, text: not found in 003-fiche-pole-ecosolies-nantes.txt:\n"
        "    « Fort soutien des collectivités. »"
    )
    assert not build_seed.OUTPUT.exists()
