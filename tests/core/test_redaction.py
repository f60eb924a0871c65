"""Secrets in URLs are replaced by *** wherever they are stored or shown."""

from __future__ import annotations

import pytest

from console.core.redaction import redact_secrets, secret_digest, url_secret


@pytest.mark.parametrize(
    ("text", "redacted", "secret"),
    [
        ("ftp://t1-ab:pa%2Fss@10.0.0.1:21/", "ftp://t1-ab:***@10.0.0.1:21/", "pa%2Fss"),
        (
            "http://[::1]:8080/upload/AbCdEfGhIjKlMnOpQrStUvWx/",
            "http://[::1]:8080/upload/***/",
            "AbCdEfGhIjKlMnOpQrStUvWx",
        ),
        (
            "http://h:1/firmware/AbCdEfGhIjKlMnOpQrStUvWx/fw.bin",
            "http://h:1/firmware/***/fw.bin",
            "AbCdEfGhIjKlMnOpQrStUvWx",
        ),
        ("https://h/x?token=abc&y=1", "https://h/x?token=***&y=1", "abc"),
        ("http://h:8080/path", "http://h:8080/path", None),
        ('[2,"1","Heartbeat",{}]', '[2,"1","Heartbeat",{}]', None),
    ],
)
def test_secrets_are_masked(text: str, redacted: str, secret: str | None) -> None:
    assert redact_secrets(text) == redacted
    assert url_secret(text) == secret


def test_a_frame_is_masked_inside_its_json() -> None:
    frame = '[2,"9","GetDiagnostics",{"location":"ftp://u1:S3cr3t@192.0.2.1:2121/"}]'
    assert redact_secrets(frame) == (
        '[2,"9","GetDiagnostics",{"location":"ftp://u1:***@192.0.2.1:2121/"}]'
    )


def test_the_digest_hides_the_secret() -> None:
    assert len(secret_digest("x")) == 64 and "x" not in secret_digest("x")
