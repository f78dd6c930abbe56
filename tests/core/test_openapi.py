"""The OpenAPI document is generated from the models that validate the requests: every
/api route is in it, and what it says is what the API does (webapp/core/openapi.py)."""

import tempfile

import pytest
from flask import jsonify

from webapp import create_app

DOC_APP = create_app({"TESTING": True}, tempfile.mkdtemp())


def missing_from_document(app) -> list[str]:
    """Every method of every route under /api that the document does not describe."""
    from webapp.core.openapi import openapi_path

    paths = app.test_client().get("/api/openapi.json").get_json()["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path, _parameters = openapi_path(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in paths.get(path, {}):
                missing.append(f"{method} {path}")
    return missing


def test_every_api_route_is_in_the_document():
    assert missing_from_document(DOC_APP) == []
    document = DOC_APP.test_client().get("/api/openapi.json").get_json()
    assert {"/api/wipe", "/api/reminders/{reminder_id}", "/api/openapi.json"} <= set(
        document["paths"]
    )


def test_a_route_left_out_of_the_document_is_caught(tmp_path):
    app = create_app({"TESTING": True}, str(tmp_path))
    app.add_url_rule("/api/undocumented", "api.undocumented", lambda: jsonify({}))
    assert missing_from_document(app) == ["GET /api/undocumented"]


def test_limits_in_the_document_come_from_the_configuration(tmp_path):
    app = create_app({"TESTING": True, "REMINDER_MIN_DELAY": 60}, str(tmp_path))
    schemas = app.test_client().get("/api/openapi.json").get_json()["components"]["schemas"]
    delay = schemas["ReminderRequest"]["properties"]["delay"]
    assert (delay["minimum"], delay["maximum"]) == (60, app.config["REMINDER_MAX_DELAY"])
    assert schemas["SubscribeRequest"]["properties"]["lang"]["enum"] == ["id", "en"]
    endpoint = schemas["PushSubscription"]["properties"]["endpoint"]
    assert endpoint["maxLength"] == 1024 and endpoint["pattern"] == "^https://"


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/reminders", "post", {"201", "400", "401", "403", "404", "413", "415", "429", "503"}),
        ("/api/reminders", "get", {"200", "400", "401", "404", "413", "415", "429", "503"}),
        ("/api/push/key", "get", {"200", "400", "413", "415", "429", "503"}),
        (
            "/api/push/subscriptions",
            "post",
            {"201", "400", "403", "409", "413", "415", "429", "503"},
        ),
        ("/api/wipe", "post", {"200", "400", "401", "403", "413", "415", "429", "503"}),
    ],
)
def test_each_operation_documents_every_status_it_can_answer(path, method, statuses):
    document = DOC_APP.test_client().get("/api/openapi.json").get_json()
    assert set(document["paths"][path][method]["responses"]) == statuses


def test_no_endpoint_travels_in_a_url():
    document = DOC_APP.test_client().get("/api/openapi.json").get_json()
    for path, operations in document["paths"].items():
        for details in operations.values():
            names = {parameter["name"] for parameter in details.get("parameters", [])}
            assert "endpoint" not in names and "endpoint" not in path


def get_operations() -> list[str]:
    paths = DOC_APP.test_client().get("/api/openapi.json").get_json()["paths"]
    return [path for path, operations in paths.items() if "get" in operations]


@pytest.mark.parametrize("path", get_operations())
@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ("hello", {"Content-Type": "text/plain"}, 415),
        ("x" * 40_000, {"Content-Type": "application/json"}, 413),
    ],
    ids=["not-json", "too-large"],
)
def test_a_get_with_a_body_gets_a_documented_error_never_a_500(path, body, headers, status):
    """The body rules hold for every method, so the document lists their errors for GETs too
    (chunked and cut-short GET bodies, through real gunicorn: test_malformed_requests.py)."""
    document = DOC_APP.test_client().get("/api/openapi.json").get_json()
    response = DOC_APP.test_client().get(path, data=body, headers=headers)
    assert response.status_code == status
    assert str(status) in document["paths"][path]["get"]["responses"]
    assert response.get_json()["status"] == status
