"""The OpenAPI 3.1 document of the push reminders API, served at /api/openapi.json."""

from flask import current_app

from ..content.guide import all_steps


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json_body(schema_ref: str) -> dict:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


KEYED = {
    "security": [{"subscriptionKey": []}],
}
AUTH_ERRORS = {
    "401": _error("No key, or a wrong one"),
    "404": _error("Unknown subscription"),
}
ERRORS = {
    "400": _error("Invalid input"),
    "413": _error("Body too large"),
    "415": _error("Not JSON"),
    "429": _error("Too many requests or reminders"),
}


def openapi_document() -> dict:
    config = current_app.config
    endpoint = {"type": "string", "format": "uri", "maxLength": 1024, "pattern": "^https://"}
    base64url = {"type": "string", "pattern": "^[A-Za-z0-9_-]+={0,2}$"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Recovery guide push reminders", "version": "1.0.0"},
        "paths": {
            "/api/push/key": {
                "get": {
                    "summary": "The VAPID application server key",
                    "responses": {
                        "200": {
                            "description": "The key",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/PublicKey"}
                                }
                            },
                        },
                        "429": ERRORS["429"],
                    },
                }
            },
            "/api/push/subscriptions": {
                "post": {
                    "summary": "Store a push subscription; its key is returned this once",
                    "requestBody": _json_body("SubscribeRequest"),
                    "responses": {
                        "201": {"description": "Stored"},
                        "409": _error("Endpoint already registered"),
                        **ERRORS,
                    },
                },
            },
            "/api/push/subscription": {
                "put": {
                    **KEYED,
                    "summary": "New endpoint and keys for the key's subscription",
                    "requestBody": _json_body("ChangeRequest"),
                    "responses": {
                        "200": {"description": "Changed"},
                        "409": _error("Endpoint already registered"),
                        **AUTH_ERRORS,
                        **ERRORS,
                    },
                },
                "delete": {
                    **KEYED,
                    "summary": "Forget a subscription and its reminders",
                    "responses": {"204": {"description": "Forgotten"}, **AUTH_ERRORS, **ERRORS},
                },
            },
            "/api/reminders": {
                "post": {
                    **KEYED,
                    "summary": "Schedule a reminder for a step",
                    "requestBody": _json_body("ReminderRequest"),
                    "responses": {
                        "201": {
                            "description": "Scheduled",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Reminder"}
                                }
                            },
                        },
                        **AUTH_ERRORS,
                        **ERRORS,
                    },
                },
                "get": {
                    **KEYED,
                    "summary": "The pending reminders of a subscription",
                    "responses": {
                        "200": {
                            "description": "Pending reminders",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ReminderList"}
                                }
                            },
                        },
                        "400": ERRORS["400"],
                        **AUTH_ERRORS,
                        "429": ERRORS["429"],
                    },
                },
            },
            "/api/reminders/{id}": {
                "delete": {
                    **KEYED,
                    "summary": "Cancel a reminder (only its own subscription can)",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    ],
                    "responses": {
                        "204": {"description": "Cancelled"},
                        "401": AUTH_ERRORS["401"],
                        "404": _error("No such reminder, or unknown subscription"),
                        **ERRORS,
                    },
                }
            },
            "/api/wipe": {
                "post": {
                    "summary": "Forget what the server keeps for this phone",
                    "security": [{}, {"subscriptionKey": []}],
                    "requestBody": {
                        "required": False,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/WipeRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "What was removed"},
                        "401": AUTH_ERRORS["401"],
                        **ERRORS,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "subscriptionKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The key returned when the subscription was stored",
                }
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
                "PublicKey": {
                    "type": "object",
                    "required": ["publicKey"],
                    "properties": {"publicKey": base64url},
                },
                "SubscribeRequest": {
                    "type": "object",
                    "required": ["subscription", "lang"],
                    "properties": {
                        "subscription": {
                            "type": "object",
                            "required": ["endpoint", "keys"],
                            "properties": {
                                "endpoint": endpoint,
                                "keys": {
                                    "type": "object",
                                    "required": ["p256dh", "auth"],
                                    "properties": {"p256dh": base64url, "auth": base64url},
                                },
                            },
                        },
                        "lang": {"enum": list(config["LANGUAGES"])},
                    },
                },
                "ChangeRequest": {
                    "type": "object",
                    "required": ["subscription"],
                    "properties": {
                        "subscription": {
                            "type": "object",
                            "required": ["endpoint", "keys"],
                            "properties": {
                                "endpoint": endpoint,
                                "keys": {
                                    "type": "object",
                                    "required": ["p256dh", "auth"],
                                    "properties": {"p256dh": base64url, "auth": base64url},
                                },
                            },
                        },
                        "lang": {"enum": list(config["LANGUAGES"])},
                    },
                },
                "WipeRequest": {"type": "object"},
                "ReminderRequest": {
                    "type": "object",
                    "required": ["step", "delay"],
                    "properties": {
                        "step": {"enum": [step.id for step in all_steps()]},
                        "delay": {
                            "type": "integer",
                            "minimum": config["REMINDER_MIN_DELAY"],
                            "maximum": config["REMINDER_MAX_DELAY"],
                        },
                    },
                },
                "Reminder": {
                    "type": "object",
                    "required": ["id", "step", "due_at"],
                    "properties": {
                        "id": {"type": "integer"},
                        "step": {"type": "string"},
                        "due_at": {"type": "string", "format": "date-time"},
                    },
                },
                "ReminderList": {
                    "type": "object",
                    "required": ["reminders"],
                    "properties": {
                        "reminders": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Reminder"},
                        }
                    },
                },
            },
        },
    }
