"""The extractor of packaging/translations.py: every translatable text in the code.

It reads the code's syntax tree (it never imports it) and finds what Qt's ``lupdate``
would find, plus ChargeDesk's own ways of marking text:

- ``self.tr("…")`` in a class: the context is the enclosing class's name. PySide6 looks
  the text up under every class of ``type(self).__mro__`` in turn, so a subclass finds
  its base's translations too; the defining class is always one of them.
- ``QCoreApplication.translate("Ctx", "…")`` and the services' hook
  ``console.core.i18n.translate("Ctx", "…")``: the context is the first argument (a
  string, or a module constant such as ``_CONTEXT``).
- module helpers (``def tr(text): return QCoreApplication.translate(_CONTEXT, text)``),
  wherever they are imported or aliased: their context.
- ``tr_noop("Ctx", "…")`` / ``QT_TRANSLATE_NOOP``: marked now, translated where shown.
- ``app.tr("…")`` on the QApplication: context "QApplication".
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FOLDER = ROOT / "console"
# Callables whose first argument is the context and second the text.
TRANSLATORS = {
    "QCoreApplication.translate",
    "QApplication.translate",
    "console.core.i18n.translate",
    "console.core.i18n.tr_noop",
    "QT_TRANSLATE_NOOP",
}
NOOP_NAMES = {"tr_noop", "QT_TRANSLATE_NOOP"}
# Names that look like a translation but resolve to nothing known: reported, not guessed.
SUSPECT_NAMES = {"tr", "_tr", "translate", "_"}


@dataclass(frozen=True)
class Key:
    """What identifies a message: its context, English source and disambiguation."""

    context: str
    source: str
    comment: str = ""


@dataclass
class Message:
    """One translatable text, where the code uses it, and (from a .ts) its translation."""

    key: Key
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: str = ""
    finished: bool = False
    # A count's message (numerus): the language's forms, singular first ("1 Karte",
    # "2 Karten"); empty when every form is ``translation``.
    forms: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """The messages found in the code, and calls the extractor could not resolve."""

    messages: dict[Key, Message] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, key: Key, numerus: bool, where: tuple[str, int]) -> None:
        """Record one use of ``key``."""
        message = self.messages.setdefault(key, Message(key))
        message.numerus = message.numerus or numerus
        message.locations.append(where)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


class _Module:
    """One source file: its tree, string constants, imports and translation helpers."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.name = _module_name(path, root)
        self.rel = path.relative_to(root).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.constants: dict[str, str] = {}
        self.imports: dict[str, str] = {}  # local name -> dotted origin
        self.classes: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                self.classes.add(node.name)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
        for stmt in self.tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                self.constants[stmt.targets[0].id] = stmt.value.value
        # name -> context of callables taking (text) [helpers] in this module
        self.helpers: dict[str, str] = {}
        # name -> dotted translator for callables taking (context, text), e.g. aliases
        self.aliases: dict[str, str] = {}

    def qualify(self, dotted: str) -> str:
        """The dotted origin of a name as used here ("words.tr" -> "console.ui.x.words.tr")."""
        head, _, rest = dotted.partition(".")
        origin = self.imports.get(head)
        if origin is None:
            return f"{self.name}.{dotted}" if not rest and dotted in self.helpers else dotted
        return f"{origin}.{rest}" if rest else origin

    def context_of(self, node: ast.expr) -> str | None:
        """A context argument: a string, or a module constant naming one."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None


class Project:
    """Every module under the source folder, with helpers resolved across imports."""

    def __init__(self, folder: Path, root: Path = ROOT) -> None:
        self.modules = [_Module(p, root) for p in sorted(folder.rglob("*.py"))]
        self.helpers: dict[str, str] = {}  # dotted helper -> context
        self.translators = set(TRANSLATORS)
        self._resolve()

    def translator_of(self, module: _Module, func: ast.expr) -> str | None:
        """The dotted translator (context, text) that ``func`` names here, if any."""
        dotted = _dotted(func)
        if dotted is None:
            return None
        if dotted in module.aliases:
            return module.aliases[dotted]
        qualified = module.qualify(dotted)
        for name in (qualified, dotted):
            if name in self.translators or name.rsplit(".", 1)[-1] in NOOP_NAMES:
                return name
        return None

    def helper_of(self, module: _Module, func: ast.expr) -> str | None:
        """The context of the (text) helper ``func`` names here, if it is one."""
        dotted = _dotted(func)
        if dotted is None:
            return None
        if dotted in module.helpers:
            return module.helpers[dotted]
        return self.helpers.get(module.qualify(dotted))

    def _resolve(self) -> None:
        # Repeat until nothing new: helpers may call helpers and be imported anywhere.
        changed = True
        while changed:
            changed = False
            for module in self.modules:
                changed |= self._scan_definitions(module)

    def _alias(self, module: _Module, name: str, value: ast.expr) -> bool:
        # ``tr = translate`` (a helper) or ``tr = QCoreApplication.translate``: remember.
        if (context := self.helper_of(module, value)) is not None:
            changed = module.helpers.get(name) != context
            module.helpers[name] = context
            return changed
        if (translator := self.translator_of(module, value)) is not None:
            changed = module.aliases.get(name) != translator
            module.aliases[name] = translator
            return changed
        return False

    def _scan_definitions(self, module: _Module) -> bool:
        changed = False
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    changed |= self._alias(module, target.id, node.value)
            if not isinstance(node, ast.FunctionDef):
                continue
            params = [a.arg for a in node.args.args]
            for call in ast.walk(node):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                context: str | None = None
                text_arg: ast.expr | None = None
                if self.translator_of(module, call.func) and len(call.args) >= 2:
                    context, text_arg = module.context_of(call.args[0]), call.args[1]
                elif (helper := self.helper_of(module, call.func)) is not None:
                    context, text_arg = helper, call.args[0]
                if context is None or not isinstance(text_arg, ast.Name):
                    continue
                if text_arg.id in params and module.helpers.get(node.name) != context:
                    module.helpers[node.name] = context
                    if node in module.tree.body:
                        self.helpers[f"{module.name}.{node.name}"] = context
                    changed = True
        return changed

    def extract(
        self, only: Iterable[str] = ("console/ui", "console/services", "console/core")
    ) -> Extraction:
        """Every message in the modules under the folders ``only`` (repository paths)."""
        found = Extraction()
        for module in self.modules:
            if any(module.rel.startswith(prefix) for prefix in only):
                _Visitor(self, module, found).visit(module.tree)
        return found


class _Visitor(ast.NodeVisitor):
    """Walks one module keeping the enclosing class, recording every translated literal."""

    def __init__(self, project: Project, module: _Module, found: Extraction) -> None:
        self.project, self.module, self.found = project, module, found
        self.classes: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        found = self._message(node)
        if found is None:
            return
        context, text_node, rest = found
        where = (self.module.rel, node.lineno)
        if isinstance(text_node, ast.JoinedStr):
            self.found.problems.append(f"{where[0]}:{where[1]}: f-string given to tr()")
            return
        if not (isinstance(text_node, ast.Constant) and isinstance(text_node.value, str)):
            return  # a variable: translated where the literal was marked
        if context is None:
            self.found.problems.append(
                f"{where[0]}:{where[1]}: cannot tell the context of {text_node.value!r}"
            )
            return
        comment = ""
        if rest and isinstance(rest[0], ast.Constant) and isinstance(rest[0].value, str):
            comment = rest[0].value
        numerus = len(rest) >= 2 or "%n" in text_node.value
        self.found.add(Key(context, text_node.value, comment), numerus, where)

    def _message(self, node: ast.Call) -> tuple[str | None, ast.expr, list[ast.expr]] | None:
        func, args = node.func, node.args
        if not args:
            return None
        if isinstance(func, ast.Attribute) and func.attr == "tr":
            owner = _dotted(func.value)
            if owner in ("self", "cls"):
                return (self.classes[-1] if self.classes else None), args[0], args[1:]
            if owner in self.module.classes:
                return owner, args[0], args[1:]
            if owner == "app":
                return "QApplication", args[0], args[1:]
        if self.project.translator_of(self.module, func) is not None and len(args) >= 2:
            return self.module.context_of(args[0]), args[1], args[2:]
        if (context := self.project.helper_of(self.module, func)) is not None:
            return context, args[0], args[1:]
        if isinstance(func, ast.Attribute) and func.attr == "tr":
            return None, args[0], args[1:]
        if isinstance(func, ast.Name) and func.id in SUSPECT_NAMES:
            return None, args[0], args[1:]
        return None


def extract_messages(folder: Path = SOURCE_FOLDER) -> Extraction:
    """Every translatable message in the console's code (read, never imported)."""
    return Project(folder).extract()
