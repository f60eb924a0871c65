"""The OCPP rules of charger ids and passwords."""

from __future__ import annotations

import pytest

from console.core.charger_ids import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    charger_id_problem,
    charger_key,
    generate_password,
    password_problem,
)


@pytest.mark.parametrize("charger_id", ["CP1", "cp-1", "A.b_c~d", "x" * 48, "..a", "0"])
def test_valid_ids(charger_id: str) -> None:
    assert charger_id_problem(charger_id) is None


@pytest.mark.parametrize(
    "charger_id",
    [
        "",
        "CP1 ",
        " CP1",
        "CP 1",
        "\u0421\u04201",  # Cyrillic Es, Er and 1
        "\uff23\uff301",  # fullwidth C, P and 1
        "x" * 49,
        "x" * 1000,
        ".",
        "..",
        "CP:1",  # the Basic-auth user name cannot hold a colon
        "CP/1",
        "CP%1",
        "café",
        "CP\t1",
    ],
)
def test_invalid_ids(charger_id: str) -> None:
    assert charger_id_problem(charger_id) is not None


def test_ids_compare_without_case() -> None:
    assert charger_key("CP1") == charger_key("cp1") == charger_key("Cp1")
    assert charger_key("CP1") != charger_key("CP2")


def test_password_length_follows_the_security_extension() -> None:
    assert password_problem("x" * (MIN_PASSWORD_LENGTH - 1)) is not None
    assert password_problem("x" * MIN_PASSWORD_LENGTH) is None
    assert password_problem("x" * MAX_PASSWORD_LENGTH) is None
    assert password_problem("x" * (MAX_PASSWORD_LENGTH + 1)) is not None
    assert password_problem("a" * 15 + "\n") is not None
    assert password_problem("correct horse 123") is None


def test_generated_passwords_follow_the_rules_and_differ() -> None:
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) == 20
    assert all(password_problem(p) is None for p in passwords)
