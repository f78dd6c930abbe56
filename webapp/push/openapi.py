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
                    "summary": "Store a push subscription (idempotent)",
                    "requestBody": _json_body("SubscribeRequest"),
                    "responses": {
                        "200": {"description": "Already known, refreshed"},
                        "201": {"description": "Stored"},
                        **ERRORS,
                    },
                },
                "delete": {
                    "summary": "Forget a subscription and its reminders",
                    "requestBody": _json_body("EndpointRequest"),
                    "responses": {"204": {"description": "Forgotten"}, **ERRORS},
                },
            },
            "/api/reminders": {
                "post": {
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
                        "404": _error("Unknown subscription"),
                        **ERRORS,
                    },
                },
                "get": {
                    "summary": "The pending reminders of a subscription",
                    "parameters": [
                        {"name": "endpoint", "in": "query", "required": True, "schema": endpoint}
                    ],
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
                        "404": _error("Unknown subscription"),
                        "429": ERRORS["429"],
                    },
                },
            },
            "/api/reminders/{id}": {
                "delete": {
                    "summary": "Cancel a reminder (only its own subscription can)",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    ],
                    "requestBody": _json_body("EndpointRequest"),
                    "responses": {
                        "204": {"description": "Cancelled"},
                        "404": _error("No such reminder"),
                        **ERRORS,
                    },
                }
            },
            "/api/wipe": {
                "post": {
                    "summary": "Forget what the server keeps for this phone",
                    "requestBody": {
                        "required": False,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/WipeRequest"}
                            }
                        },
                    },
                    "responses": {"200": {"description": "What was removed"}, **ERRORS},
                }
            },
        },
        "components": {
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
                "EndpointRequest": {
                    "type": "object",
                    "required": ["endpoint"],
                    "properties": {"endpoint": endpoint},
                },
                "WipeRequest": {"type": "object", "properties": {"endpoint": endpoint}},
                "ReminderRequest": {
                    "type": "object",
                    "required": ["endpoint", "step", "delay"],
                    "properties": {
                        "endpoint": endpoint,
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
            }
        },
    }
