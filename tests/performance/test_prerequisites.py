"""A missing Redis or hey skips its tests with the reason, and fails them in CI."""

import pytest

from tests.prerequisites import require_program


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_outside_ci_a_missing_tool_skips_with_its_reason(monkeypatch, value):
    monkeypatch.setenv("CI", value)

    with pytest.raises(
        pytest.skip.Exception,
        match=r"programme-absent-ici n'est pas installé \(apt-get install le-paquet\)$",
    ):
        require_program("programme-absent-ici", "le-paquet")


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_in_ci_a_missing_tool_fails_the_run(monkeypatch, value):
    monkeypatch.setenv("CI", value)

    with pytest.raises(pytest.fail.Exception, match="requis en CI"):
        require_program("programme-absent-ici")
