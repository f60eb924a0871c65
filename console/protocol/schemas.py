"""JSON-schema validation of OCPP payloads with fastjsonschema.

The schemas are the ones the ``ocpp`` library ships; each is compiled into Python code
the first time its action is seen and kept. Compiled validators are some ten times
faster than ``jsonschema``, which is why the whole server can validate every frame on
the event loop instead of in a thread pool as the ``ocpp`` library does.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Mapping
from typing import Any

import fastjsonschema
import orjson

from console.protocol.datetimes import is_timestamp
from console.protocol.errors import ErrorCode, OcppError

Validator = Callable[[Any], Any]
IntRange = tuple[int, int]

# OCPP's "integer" is 32 bits (1.6 part 2 and 2.0.1 say so); the schemas do not. A value
# outside a field's data type breaks the type (TypeConstraintViolation) and could not
# be stored anyway: SQLite ends at 64 bits, and one such value would roll back a whole
# group commit. Narrower ranges the specification gives in words (connectorId >= 0)
# are value constraints (PropertyConstraintViolation).
INT32: IntRange = (-(2**31), 2**31 - 1)
INT64: IntRange = (-(2**63), 2**63 - 1)

# Which rule a payload broke -> which 1.6 error code it earns. The length limits are
# part of the CiStringNType data types of 1.6, hence TypeConstraintViolation (as the
# ocpp library answers too); array lengths are occurrence constraints.
_RULE_CODES: dict[str, ErrorCode] = {
    "required": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "minItems": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "maxItems": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "type": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "maxLength": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "minLength": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "enum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "format": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "pattern": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "minimum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "maximum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "exclusiveMinimum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "exclusiveMaximum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "additionalProperties": ErrorCode.FORMATION_VIOLATION,
}

# The schemas say "date-time" and "uri"; "date-time" is checked by our own, lenient
# parser so that validation accepts exactly what the translation can read.
_FORMATS: dict[str, Callable[[str], bool]] = {"date-time": is_timestamp}


_TYPE_BOUNDS = frozenset((*INT32, *INT64))


def error_code_for(rule: str | None) -> ErrorCode:
    """The 1.6 error code for a broken schema rule (FormationViolation when unsure)."""
    return _RULE_CODES.get(rule or "", ErrorCode.FORMATION_VIOLATION)


def _bound_integers(
    node: Any, default: IntRange, fields: Mapping[str, IntRange], name: str | None = None
) -> Any:
    """A copy of a schema whose integers carry a ``minimum`` and ``maximum``.

    ``fields`` gives the range of a property by name (anywhere in the schema), every
    other integer gets ``default``; a bound the schema already has is kept.
    """
    if isinstance(node, list):
        return [_bound_integers(v, default, fields, name) for v in node]
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            copy[key] = {k: _bound_integers(v, default, fields, k) for k, v in value.items()}
        else:
            copy[key] = _bound_integers(value, default, fields, name)
    kind = node.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        low, high = fields.get(name or "", default)
        copy.setdefault("minimum", low)
        copy.setdefault("maximum", high)
    return copy


def _strip_multiple_of(node: Any) -> Any:
    """A copy of a schema without any ``multipleOf``.

    1.6 puts ``multipleOf: 0.1`` on charging limits. Validators that divide binary
    floats refuse valid limits (21.4 / 0.1 is not whole in floating point; the ocpp
    library parses Decimals to get around it). fastjsonschema 2.22 divides Decimals and
    gets 0.1 steps right, but the rule would still make a whole composite schedule
    INVALID because a charger computed a limit of 13.33 A, and refuse a profile the
    services derived by arithmetic. A limit's precision is no reason to lose the rest
    of a message, so the rule is dropped, in both directions.
    """
    if isinstance(node, dict):
        return {k: _strip_multiple_of(v) for k, v in node.items() if k != "multipleOf"}
    if isinstance(node, list):
        return [_strip_multiple_of(v) for v in node]
    return node


class SchemaSet:
    """The request and response schemas of one OCPP version, compiled lazily.

    ``folder`` is the schema folder inside the ``ocpp`` package ("v16/schemas");
    ``request_suffix`` and ``response_suffix`` name the files ("Authorize.json" and
    "AuthorizeResponse.json" in 1.6; 2.0.1 uses "Request"/"Response").
    ``integer_ranges`` maps a schema file name (without ".json") to the ranges of its
    integer properties by name; every other integer is 32 bits (see ``INT32``).
    """

    def __init__(
        self,
        folder: str,
        request_suffix: str = "",
        response_suffix: str = "Response",
        integer_ranges: Mapping[str, Mapping[str, IntRange]] | None = None,
    ) -> None:
        self._root = importlib.resources.files("ocpp").joinpath(folder)
        self._request_suffix = request_suffix
        self._response_suffix = response_suffix
        self._integer_ranges = integer_ranges or {}
        self._validators: dict[str, Validator] = {}
        self._actions: frozenset[str] | None = None

    @property
    def actions(self) -> frozenset[str]:
        """Every action of the version (both directions), from the schema file names."""
        if self._actions is None:
            names = [p.name.removesuffix(".json") for p in self._root.iterdir()]
            requests = {n.removesuffix(self._request_suffix) for n in names}
            if self._response_suffix:
                requests = {n for n in requests if not n.endswith(self._response_suffix)}
            self._actions = frozenset(requests)
        return self._actions

    def check_call(self, action: str, payload: dict[str, Any]) -> None:
        """Validate a request payload; raise ``OcppError`` with the fitting code."""
        self._check(action, action + self._request_suffix, payload)

    def check_result(self, action: str, payload: dict[str, Any]) -> None:
        """Validate a response payload; raise ``OcppError`` with the fitting code."""
        self._check(action, action + self._response_suffix, payload)

    def _check(self, action: str, name: str, payload: dict[str, Any]) -> None:
        validator = self._validators.get(name)
        if validator is None:
            # Only names from the folder listing reach the file system: the action may
            # come from a charger or a technician.
            if action not in self.actions:
                raise OcppError(ErrorCode.NOT_SUPPORTED, f"{action} is no action of this version")
            validator = self._compile(name)
        try:
            validator(payload)
        except fastjsonschema.JsonSchemaValueException as exc:
            message = exc.message.replace("data.", "", 1).replace("data ", "payload ", 1)
            code = error_code_for(exc.rule)
            if exc.rule in ("minimum", "maximum") and exc.rule_definition in _TYPE_BOUNDS:
                code = ErrorCode.TYPE_CONSTRAINT_VIOLATION  # beyond the integer type
            raise OcppError(code, message[:200]) from None

    def _compile(self, name: str) -> Validator:
        resource = self._root.joinpath(f"{name}.json")
        if not resource.is_file():
            raise OcppError(ErrorCode.NOT_IMPLEMENTED, f"no schema for {name}")
        # utf-8-sig: the 2.0.x schema files start with a byte order mark.
        schema = orjson.loads(resource.read_text(encoding="utf-8-sig"))
        schema = _bound_integers(schema, INT32, self._integer_ranges.get(name, {}))
        validator: Validator = fastjsonschema.compile(
            _strip_multiple_of(schema), formats=_FORMATS, use_default=False
        )
        self._validators[name] = validator
        return validator
