"""The API's OpenAPI 3.1 document, generated from the pydantic models that validate it.

A view declares what it takes and answers with `@operation(...)`: its request model, its
response models by status, whether it needs the subscription's key. The same model
classes check each request (`validated`) and, through their JSON Schema (2020-12, the
dialect of OpenAPI 3.1), describe it in the document, so the two cannot drift apart.
Limits that come from the configuration (`ConfiguredRange`, `ConfiguredChoice`) are read
from it both when validating and when documenting.

The errors every route shares come from the rules of core/api.py and are added here,
by the same rules: 403 for a state-changing request, 401/404 where the key is needed,
and everywhere 400/413/415 (any request may carry a body, a GET too, and core/api.py
checks every body the same way), 429 and 503.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal

from flask import Flask, current_app
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema
from pydantic_core import PydanticCustomError, core_schema

from .errors import API_PREFIX, ApiError
from .services import provide, service

MUST_BE_JSON = frozenset({"POST", "PUT", "PATCH"})
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def refuse(message: str) -> PydanticCustomError:
    """A validation error whose message (already in the person's language) is the answer."""
    return PydanticCustomError("guide", "{message}", {"message": str(message)})


class Error(BaseModel):
    """Every error the API answers: a message in the person's language, and the status."""

    error: str
    status: int


class RequestModel(BaseModel):
    """A request body. `messages` names, by field path ("subscription.keys.auth"), the
    message (or a function giving it) for any problem with that field; a field's own
    validator may say more."""

    messages: ClassVar[dict[str, Any]] = {}


@dataclass(frozen=True)
class ConfiguredRange:
    """An integer between two configuration values, read when validating and documenting."""

    low: str
    high: str
    message: Callable[[int, int], str]

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: int) -> int:
        low, high = current_app.config[self.low], current_app.config[self.high]
        if not low <= value <= high:
            raise refuse(self.message(low, high))
        return value

    def __get_pydantic_json_schema__(self, schema, handler):
        result = handler(schema)
        result.update(minimum=current_app.config[self.low], maximum=current_app.config[self.high])
        return result


@dataclass(frozen=True)
class ConfiguredChoice:
    """One of the values a configuration setting lists, read when validating and documenting."""

    setting: str
    message: Callable[[tuple], str]

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: str) -> str:
        choices = current_app.config[self.setting]
        if value not in choices:
            raise refuse(self.message(choices))
        return value

    def __get_pydantic_json_schema__(self, schema, handler):
        return {"enum": list(current_app.config[self.setting])}


def validated(model: type[RequestModel], data: dict) -> RequestModel:
    """The request body as the model, or a 400 with the first problem, in words."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        if first["type"] == "guide":
            message = first["ctx"]["message"]
        else:
            path = ".".join(str(part) for part in first["loc"] if not isinstance(part, int))
            message = model.messages.get(path) or _("The request was not understood.")
            if callable(message):
                message = message()
        raise ApiError(400, str(message)) from None


@dataclass(frozen=True)
class Operation:
    summary: str
    responses: dict[int, tuple[str, type[BaseModel] | None]]
    body: type[RequestModel] | None = None
    key: Literal["required", "optional", None] = None
    errors: dict[int, str] = field(default_factory=dict)


def operation(
    summary: str,
    responses: dict[int, tuple[str, type[BaseModel] | None]],
    body: type[RequestModel] | None = None,
    key: Literal["required", "optional", None] = None,
    errors: dict[int, str] | None = None,
):
    """Declare what a view takes and answers: the document is made from this."""

    def declare(view):
        view.operation = Operation(summary, responses, body, key, errors or {})
        return view

    return declare


def declared(app: Flask, endpoint: str) -> Operation | None:
    return getattr(app.view_functions.get(endpoint), "operation", None)


CONVERTER = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def openapi_path(rule) -> tuple[str, list[dict]]:
    """ "/api/reminders/<int(min=1):reminder_id>" → ("/api/reminders/{reminder_id}", [its
    parameter]), the parameter's schema from the converter itself."""
    parameters = []
    for name, converter in rule._converters.items():
        schema: dict[str, Any] = {"type": "string"}
        if type(converter).__name__ == "IntegerConverter":
            schema = {"type": "integer"}
            if converter.min is not None:
                schema["minimum"] = converter.min
            if converter.max is not None:
                schema["maximum"] = converter.max
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return CONVERTER.sub(r"{\3}", rule.rule), parameters


def error_responses(method: str, spec: Operation) -> dict[int, str]:
    """The errors the API's rules (core/api.py) can give this operation."""
    errors = {
        # Any method: a body sent with a GET is capped and checked like any other.
        400: "Invalid input, or a body cut short",
        413: "Body too large",
        415: "Not JSON",
        429: "Too many requests from this address",
        503: "Busy, full or at capacity",
    }
    if method in STATE_CHANGING:
        errors[403] = "Refused: sent from another site"
    if spec.key:
        errors[401] = "No key, a malformed key or a wrong one"
    if spec.key == "required":
        errors[404] = "The key's subscription is unknown"
    errors.update(spec.errors)
    return errors


class ApiDocument:
    """The document for one app, made on first use (the models read the app's config)."""

    def __init__(self, app: Flask):
        self.app = app

    @cached_property
    def document(self) -> dict:
        operations = []
        for rule in self.app.url_map.iter_rules():
            if not rule.rule.startswith(API_PREFIX + "/"):
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                spec = declared(self.app, rule.endpoint)
                if spec is not None:
                    operations.append((rule, method, spec))
        models = {Error}
        for _rule, _method, spec in operations:
            models |= {model for _text, model in spec.responses.values() if model}
        inputs = [(spec.body, "validation") for _r, _m, spec in operations if spec.body]
        outputs = [(model, "serialization") for model in sorted(models, key=lambda m: m.__name__)]
        refs, definitions = models_json_schema(
            inputs + outputs, ref_template="#/components/schemas/{model}"
        )

        def content(model, mode):
            return {"application/json": {"schema": refs[(model, mode)]}}

        paths: dict[str, dict] = {}
        for rule, method, spec in operations:
            path, parameters = openapi_path(rule)
            entry: dict[str, Any] = {"summary": spec.summary, "responses": {}}
            if parameters:
                entry["parameters"] = parameters
            if spec.key == "required":
                entry["security"] = [{"subscriptionKey": []}]
            elif spec.key == "optional":
                entry["security"] = [{}, {"subscriptionKey": []}]
            if spec.body:
                entry["requestBody"] = {
                    "required": method in MUST_BE_JSON,
                    "content": content(spec.body, "validation"),
                }
            for status, (text, model) in spec.responses.items():
                answer: dict[str, Any] = {"description": text}
                if model:
                    answer["content"] = content(model, "serialization")
                entry["responses"][str(status)] = answer
            for status, text in sorted(error_responses(method, spec).items()):
                entry["responses"].setdefault(
                    str(status), {"description": text, "content": content(Error, "serialization")}
                )
            paths.setdefault(path, {})[method.lower()] = entry
        return {
            "openapi": "3.1.0",
            "info": {"title": "Recovery guide API", "version": "2.0.0"},
            "paths": dict(sorted(paths.items())),
            "components": {
                "schemas": definitions.get("$defs", {}),
                "securitySchemes": {
                    "subscriptionKey": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "The key returned once when the subscription was stored",
                    }
                },
            },
        }


class OpenApiDocument(BaseModel):
    """The document itself, as an answer: an object (described by the OpenAPI spec)."""

    model_config = {"extra": "allow"}
    openapi: str


def openapi_view():
    return service(ApiDocument).document


openapi_view.operation = Operation(
    "This document", {200: ("The OpenAPI 3.1 document of the API", OpenApiDocument)}
)


def init_app(app: Flask) -> None:
    provide(app, ApiDocument(app))
