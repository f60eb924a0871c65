"""The console's translations: extract, merge, compile and check Qt Linguist files.

    python packaging/translations.py extract [--lang de]   # code -> resources/translations/*.ts
    python packaging/translations.py merge FILE.json [--lang de]  # {english: german} -> .ts
    python packaging/translations.py compile [FOLDER]      # .ts -> .qm with PySide6's lrelease
    python packaging/translations.py check                 # stale or unfinished: exit 1

What counts as a message is packaging/translation_sources.py's (an AST scan of the code).
Like lupdate, extraction keeps the translation of every message still in the code, adds
new ones as unfinished and drops the ones that vanished.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the console's code is needed
    sys.path.insert(0, str(ROOT))


def _sibling(name: str) -> ModuleType:
    # packaging/ is a folder of scripts, not a package (the PyPI "packaging" owns that
    # name): load the extractor by its path, once.
    key = f"chargedesk_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


_sources = _sibling("translation_sources")
Key = _sources.Key
Message = _sources.Message
Extraction = _sources.Extraction
extract_messages = _sources.extract_messages
project = _sources.Project

TS_FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("de", "en")
TS_LANGUAGE = {"de": "de_DE", "en": "en_US"}
# English is the code's own language; its .ts holds only the counts, whose singular and
# plural the code cannot write in one string ("%n card(s)" -> "1 card", "2 cards").
COUNTS_ONLY = frozenset({"en"})


# --- .ts files -------------------------------------------------------------------------


def ts_path(language: str) -> Path:
    """The Linguist source of ``language`` in the repository."""
    return TS_FOLDER / f"chargedesk_{language}.ts"


def read_ts(path: Path) -> dict[Key, Message]:
    """The messages of a .ts file with their translations (obsolete ones left out)."""
    if not path.exists():
        return {}
    messages: dict[Key, Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text, forms = "", []
            if translation is not None:
                forms = [form.text or "" for form in translation.iter("numerusform")]
                text = (forms[0] if forms else translation.text) or ""
            key = Key(name, element.findtext("source") or "", element.findtext("comment") or "")
            messages[key] = Message(
                key,
                numerus=element.get("numerus") == "yes",
                translation=text,
                finished=kind == "" and all(forms or [text]),
                forms=forms,
            )
    return messages


def write_ts(path: Path, language: str, messages: dict[Key, Message]) -> None:
    """Write the messages as a Qt Linguist TS 2.1 file, sorted so diffs stay small."""
    root = ET.Element("TS", version="2.1", language=TS_LANGUAGE.get(language, language))
    by_context: dict[str, list[Message]] = {}
    for message in messages.values():
        by_context.setdefault(message.key.context, []).append(message)
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for message in sorted(by_context[name], key=lambda m: (m.key.source, m.key.comment)):
            element = ET.SubElement(context, "message")
            if message.numerus:
                element.set("numerus", "yes")
            # Files without lines: an edit elsewhere in a file leaves the .ts unchanged.
            for file in sorted({file for file, _line in message.locations}):
                ET.SubElement(element, "location", filename=f"../../{file}")
            ET.SubElement(element, "source").text = message.key.source
            if message.key.comment:
                ET.SubElement(element, "comment").text = message.key.comment
            translation = ET.SubElement(element, "translation")
            if not message.finished:
                translation.set("type", "unfinished")
            if message.numerus:
                # German and English: singular and plural.
                forms = message.forms if len(message.forms) >= 2 else [message.translation] * 2
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            elif message.translation:
                translation.text = message.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def updated(found: Extraction, existing: dict[Key, Message]) -> dict[Key, Message]:
    """The code's messages keeping the translations of those that did not change."""
    result: dict[Key, Message] = {}
    for key, message in found.messages.items():
        # A copy: the same extraction fills every language's file.
        message = replace(message, locations=list(message.locations), forms=[])
        old = existing.get(key)
        if old is not None:
            message.translation, message.finished = old.translation, old.finished
            message.forms = list(old.forms)
        result[key] = message
    return result


def wanted(found: Extraction, language: str) -> Extraction:
    """The messages ``language``'s .ts holds: all, or for English only the counts."""
    if language not in COUNTS_ONLY:
        return found
    counts = {key: message for key, message in found.messages.items() if message.numerus}
    return Extraction(messages=counts, problems=found.problems)


def extract(languages: Iterable[str] = LANGUAGES) -> Extraction:
    """Bring every language's .ts up to date with the code."""
    found = extract_messages()
    for language in languages:
        path = ts_path(language)
        write_ts(path, language, updated(wanted(found, language), read_ts(path)))
    return found


def merge(json_file: Path, language: str = "de") -> tuple[int, list[str]]:
    """Fill translations {english: translation} into the .ts (every context of a source).

    A value may instead be {context: translation} (with "*" for every other context)
    where one English word needs different words in German ("Charging" as a status
    and as a tariff's time), and a count's message a list of its forms, singular first.
    Returns how many messages were filled and the JSON's sources the .ts does not have.
    """
    table: dict[str, str | list[str] | dict[str, str]] = json.loads(
        json_file.read_text(encoding="utf-8")
    )
    path = ts_path(language)
    messages = read_ts(path)
    filled, used = 0, set()
    for message in messages.values():
        text = table.get(message.key.source)
        if isinstance(text, dict):
            text = text.get(message.key.context) or text.get("*")
        if isinstance(text, list) and message.numerus:  # a count's forms, singular first
            message.forms = [str(form) for form in text]
            text = message.forms[0] if message.forms else ""
        if isinstance(text, str) and text:
            message.translation, message.finished = text, True
            filled += 1
            used.add(message.key.source)
    found = extract_messages()
    for key, message in messages.items():
        if key in found.messages:
            message.locations = found.messages[key].locations
    write_ts(path, language, messages)
    return filled, sorted(set(table) - used)


def check(languages: Iterable[str] = LANGUAGES) -> list[str]:
    """What is wrong with the .ts files: stale against the code, or unfinished."""
    found = extract_messages()
    problems = list(found.problems)
    for language in languages:
        messages = read_ts(ts_path(language))
        expected = wanted(found, language).messages
        missing = set(expected) - set(messages)
        gone = set(messages) - set(expected)
        unfinished = [k for k, m in messages.items() if not m.finished]
        name = ts_path(language).name
        problems += [f"{name}: not extracted yet: {k.context}: {k.source!r}" for k in missing]
        problems += [f"{name}: no longer in the code: {k.context}: {k.source!r}" for k in gone]
        problems += [f"{name}: unfinished: {k.context}: {k.source!r}" for k in unfinished]
    return problems


def compile_all(target: Path, languages: Iterable[str] = LANGUAGES) -> list[Path]:
    """Compile every language's .ts into ``target`` with PySide6's lrelease."""
    from console.ui.translations import compile_ts  # Qt's tools live beside PySide6

    return [compile_ts(ts_path(language), target) for language in languages]


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="translations", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract_cmd = commands.add_parser("extract", help="update the .ts files from the code")
    extract_cmd.add_argument("--lang", action="append", help="language (default: all)")
    merge_cmd = commands.add_parser("merge", help="fill translations from {english: text} JSON")
    merge_cmd.add_argument("json", type=Path)
    merge_cmd.add_argument("--lang", default="de")
    compile_cmd = commands.add_parser("compile", help="write .qm files with lrelease")
    compile_cmd.add_argument("folder", type=Path, nargs="?", default=TS_FOLDER)
    commands.add_parser("check", help="report stale or unfinished translations (exit 1)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        found = extract(args.lang or LANGUAGES)
        for problem in found.problems:
            print(problem, file=sys.stderr)
        print(f"{len(found.messages)} messages")
        return 1 if found.problems else 0
    if args.command == "merge":
        filled, unknown = merge(args.json, args.lang)
        print(f"{filled} messages filled; {len(unknown)} sources not in the code")
        for source in unknown[:20]:
            print(f"  not in the code: {source!r}")
        return 0
    if args.command == "compile":
        for path in compile_all(args.folder):
            print(path)
        return 0
    problems = check()
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
