"""The translations stay complete: the .ts matches the code, no visible text escapes
translation, and every German message keeps its source's placeholders, tags and "&"."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "console" / "ui"

# Qt calls whose string arguments a person reads: name -> positions of those arguments
# (None: every positional argument).
TEXT_METHODS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setPlaceholderText": (0,),
    "setWhatsThis": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "showMessage": (0,),
    "addTab": (1,),
    "insertTab": (2,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "addItem": (0,),
    "addItems": (0,),
    "insertItem": (1,),
    "setItemText": (1,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,),
    "setSpecialValueText": (0,),
}
CONSTRUCTORS: dict[str, tuple[int, ...] | None] = {
    "QLabel": (0,),
    "QPushButton": (0, 1),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QMenu": (0,),
    "QToolButton": (0,),
    "Column": (0,),
    "QMessageBox": (1, 2),
    "QListWidgetItem": (0,),
    "QTableWidgetItem": (0,),
    "QCommandLinkButton": (0, 1),
}
MESSAGE_BOX = {"information", "warning", "critical", "question", "about"}
# Static dialogs: the caption and the label or file filter are read.
STATIC_DIALOGS = {
    "QFileDialog": (1, 3),
    "QInputDialog": (1, 2),
}
# Texts the same in every language: units, symbols, names of languages and products.
ALLOWED = {
    "kWh",
    "kW",
    "W",
    "A",
    "V",
    "s",
    "ms",
    "%",
    "OCPP",
    "OCPP 1.6",
    "OCPP 1.6J",
    "ChargeDesk",
    "English",
    "Deutsch",
    "id",
    "idTag",
    "UTC",
    "JSON",
    "CSV",
    "PDF",
    "URL",
    "SoC",
    "EUR",
    "HTTP",
    "FTP",
    "DiagnosticsLog",
    "SecurityLog",
}
# (file, text) never shown: a button made only to measure a height.
ALLOWED_AT = {("console/ui/message_bar.py", "Accept")}
# The screenshot scripts type sample data into the console like a person would.
SCRIPTS = "screens.py"
LETTER = re.compile(r"[^\W\d_]")
PLACEHOLDER = re.compile(r"%\d+|%n|\{[^{}]*\}")
HTML = (
    "a|b|i|u|p|br|tt|code|small|big|span|div|table|tr|td|th|ul|ol|li|h[1-6]|font|pre|em|"
    "strong|nobr|hr|img|sub|sup"
)
TAG = re.compile(rf"</?(?:{HTML})\b[^>]*>")


def load_translations_script() -> ModuleType:
    """packaging/translations.py (a script folder, not a package: loaded by its path)."""
    name = "chargedesk_packaging_translations"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _literals(node: ast.expr) -> list[str]:
    """String literals in ``node`` that would reach the screen untranslated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [text for element in node.elts for text in _literals(element)]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _visible(text: str) -> bool:
    stripped = TAG.sub("", PLACEHOLDER.sub("", text)).strip(" :()…-—·/,.\n")
    return bool(LETTER.search(stripped)) and stripped not in ALLOWED


def _arguments(call: ast.Call, positions: tuple[int, ...] | None) -> list[ast.expr]:
    if positions is None:
        return list(call.args)
    chosen = [call.args[i] for i in positions if i < len(call.args)]
    chosen += [k.value for k in call.keywords if k.arg in ("text", "title", "caption", "filter")]
    return chosen


def escapes_in(path: Path) -> list[str]:
    """``file:line: text`` for every literal given straight to a Qt text API in ``path``."""
    found: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        arguments: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if isinstance(func, ast.Subscript):  # Column[Row]("Title", ...)
                name = getattr(func.value, "id", "")
            if isinstance(func, ast.Attribute) and name in TEXT_METHODS:
                arguments = _arguments(node, TEXT_METHODS[name])
            elif name in CONSTRUCTORS:
                arguments = _arguments(node, CONSTRUCTORS[name])
            elif (
                isinstance(func, ast.Attribute)
                and name in MESSAGE_BOX
                and getattr(func.value, "id", "") == "QMessageBox"
            ):
                arguments = list(node.args[1:3])
            elif (
                isinstance(func, ast.Attribute)
                and (owner := getattr(func.value, "id", "")) in STATIC_DIALOGS
            ):
                arguments = _arguments(node, STATIC_DIALOGS[owner])
        elif isinstance(node, ast.FunctionDef) and node.name == "headerData":
            arguments = [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value]
        for argument in arguments:
            for text in _literals(argument):
                if _visible(text) and (rel, text) not in ALLOWED_AT:
                    found.append(f"{rel}:{argument.lineno}: {text!r}")
    return found


def test_no_visible_text_escapes_translation() -> None:
    """Every literal given to a Qt text API in console/ui goes through tr() first."""
    paths = [p for p in sorted(UI.rglob("*.py")) if not p.name.endswith(SCRIPTS)]
    escapes = [line for path in paths for line in escapes_in(path)]
    assert not escapes, "wrap these in self.tr()/tr():\n" + "\n".join(escapes)


def test_the_committed_ts_matches_the_code() -> None:
    """Extraction in memory finds exactly the messages of the committed German .ts."""
    script = load_translations_script()
    found = script.extract_messages()
    assert not found.problems, "\n".join(found.problems)
    committed = script.read_ts(script.ts_path("de"))
    missing = sorted(k.source for k in set(found.messages) - set(committed))
    vanished = sorted(k.source for k in set(committed) - set(found.messages))
    assert not missing and not vanished, (
        "run `python packaging/translations.py extract`, then translate: "
        f"new {missing[:10]}, gone {vanished[:10]}"
    )


def _amp_count(text: str) -> int:
    return len(re.findall(r"&(?!&|amp;|lt;|gt;|nbsp;|quot;)", text.replace("&&", "")))


@pytest.mark.parametrize("language", ["de"])
def test_every_translation_is_finished_and_keeps_its_placeholders(language: str) -> None:
    """Finished, same placeholders and HTML tags, and one "&" where the source has one."""
    script = load_translations_script()
    wrong: list[str] = []
    for key, message in script.read_ts(script.ts_path(language)).items():
        source = key.source
        if not message.finished:
            wrong.append(f"unfinished: {source!r}")
            continue
        for text in message.forms or [message.translation]:  # each form of a count
            if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(text)):
                wrong.append(f"placeholders: {source!r} -> {text!r}")
            if Counter(TAG.findall(source)) != Counter(TAG.findall(text)):
                wrong.append(f"tags: {source!r} -> {text!r}")
            if _amp_count(source) == 1 and _amp_count(text) != 1:
                wrong.append(f"accelerator: {source!r} -> {text!r}")
    assert not wrong, f"{len(wrong)} problems:\n" + "\n".join(wrong[:40])


def test_the_extractor_follows_pyside_contexts(tmp_path: Path) -> None:
    """self.tr takes the enclosing class; helpers, aliases and imports take theirs."""
    script = load_translations_script()
    package = tmp_path / "console" / "ui"
    package.mkdir(parents=True)
    (package / "words.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        '_CONTEXT = "Words"\n'
        "def tr(text):\n    return QCoreApplication.translate(_CONTEXT, text)\n"
    )
    (package / "view.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "from console.core.i18n import tr_noop, translate\n"
        "from console.ui import words\n"
        "from console.ui.words import tr as word\n"
        "class Outer:\n"
        "    class Inner:\n"
        '        def f(self):\n            return self.tr("A"), self.tr("%n x", "", 2)\n'
        'KINDS = {1: tr_noop("Kinds", "B")}\n'
        'def g():\n    alias = QCoreApplication.translate\n    return alias("Al", "C")\n'
        'def h():\n    return words.tr("D") + word("E") + translate("Svc", "F")\n'
    )
    project = script.project(tmp_path / "console", root=tmp_path)
    found = {(k.context, k.source) for k in project.extract(only=("",)).messages}
    assert found == {
        ("Inner", "A"),
        ("Inner", "%n x"),
        ("Kinds", "B"),
        ("Al", "C"),
        ("Words", "D"),
        ("Words", "E"),
        ("Svc", "F"),
    }


def test_a_counts_singular_and_plural_survive_extraction(tmp_path: Path) -> None:
    """Re-extracting keeps each plural form; merge fills them from a list."""
    script = load_translations_script()
    key = script.Key("Cards", "%n card(s) shown", "")
    message = script.Message(key, numerus=True, translation="%n Karte", finished=True)
    message.forms = ["%n Karte angezeigt", "%n Karten angezeigt"]
    path = tmp_path / "chargedesk_de.ts"
    script.write_ts(path, "de", {key: message})
    again = script.read_ts(path)[key]
    assert again.forms == ["%n Karte angezeigt", "%n Karten angezeigt"] and again.finished
    found = script.Extraction(messages={key: script.Message(key, numerus=True)})
    kept = script.updated(found, script.read_ts(path))[key]
    assert kept.forms == again.forms and kept.finished
    # A form left empty is unfinished work, even with the other one filled.
    text = path.read_text(encoding="utf-8").replace("%n Karten angezeigt", "")
    path.write_text(text, encoding="utf-8")
    assert not script.read_ts(path)[key].finished
