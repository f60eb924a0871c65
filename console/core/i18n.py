"""A translation hook for sentences the services write and the console shows.

The services never import Qt, and the command line, the API and every file stay in
English. So the services mark their templates with ``translate(context, text)``, which
gives the text back unchanged unless the console installed a translator; the console
installs ``QCoreApplication.translate`` for its own (GUI) thread only, so the engine's
and the API's threads in the same process keep answering in English.

``tr_noop(context, text)`` marks a text for the translation files without translating
it (a dictionary of words built at import time, translated where it is shown).
Templates are translated first and filled afterwards: ``translate(C, "{n} min").format(n=5)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Translator = Callable[[str, str], str]

_translator: Translator | None = None
_thread_id: int | None = None


def set_translator(translator: Translator | None) -> None:
    """Translate from now on with ``translator`` on the calling thread only (None: stop)."""
    global _translator, _thread_id
    _translator = translator
    _thread_id = threading.get_ident() if translator is not None else None


def translate(context: str, text: str) -> str:
    """``text`` in the console's language on the console's thread, else unchanged."""
    translator = _translator
    if translator is None or threading.get_ident() != _thread_id:
        return text
    return translator(context, text)


def tr_noop(context: str, text: str) -> str:
    """Mark ``text`` for translation under ``context`` and give it back unchanged."""
    del context  # read by the extractor (packaging/translations.py), not here
    return text
