"""The export's header files for hosts other than Caddy, each made from the app's own answers.

- nginx: `nginx-guide.conf`, an include for a `server` block: one exact `location` per URL
  with every header (`always`, so the 404 page has them too; an inner `add_header` drops
  the inherited ones, so each location repeats all of its own), everything else 404, and
  the routes the export cannot hold sent to `@guide_origin` when an origin is given.
- Netlify: `_headers` (one rule per URL; the hashed assets and the saved pages by prefix)
  and `_redirects` (the dynamic routes proxied to the origin; a page's file names 404).
- Cloudflare Pages: the same `_headers` format, within its documented limits (100 rules,
  2,000 characters a line), checked here; its `_redirects` cannot proxy to another host
  (only redirect), and it strips `.html` and `/index.html` itself.
- A host that sets no headers (GitHub Pages style, `/x` served from `x.html`): nothing to
  write; what such a host loses is said in the deploy docs.

Content-Type is left to the host (it follows the file's extension, which the export
chose), so no host is told to send a second one; the worker never reads it anyway.
"""

from dataclasses import dataclass

import click

# Cloudflare Pages' documented limits for _headers and _redirects.
CLOUDFLARE_HEADER_RULES = 100
CLOUDFLARE_HEADER_LINE = 2000
CLOUDFLARE_REDIRECTS = 2100  # 2,000 static and 100 dynamic
CLOUDFLARE_DYNAMIC = 100
CLOUDFLARE_REDIRECT_LINE = 1000
# By prefix rather than one rule per file: hashed assets, the worker's saved pages, and the
# triage's pages by links (/<lang>/answers/..., nearly a hundred per language).
PREFIX_RULES = ("/assets/", "/precache/")
LANGUAGE_PREFIX_RULES = ("answers",)
LEFT_TO_THE_HOST = frozenset({"content-type"})
NGINX_FILE = "nginx-guide.conf"
OWN_FILES = ("headers.caddy", NGINX_FILE, "_headers", "_redirects")


@dataclass(frozen=True)
class Rule:
    pattern: str
    headers: tuple[tuple[str, str], ...]


def header_rules(files) -> list[Rule]:
    """One rule per page URL; one per prefix for assets and saved pages, with the fullest
    set of headers any of its files has (a document's, where the prefix holds one)."""
    rules: dict[str, Rule] = {}
    for file in files:
        if file.status != 200:
            continue
        headers = tuple((n, v) for n, v in file.headers if n.lower() not in LEFT_TO_THE_HOST)
        prefix = rule_prefix(file.url)
        if prefix is None:
            rules[file.url] = Rule(file.url, headers)
            continue
        pattern = prefix + "*"
        known = rules.get(pattern)
        names = {name for name, _ in headers}
        if known is None or len(names) > len(known.headers):
            rules[pattern] = Rule(pattern, headers)
    return list(rules.values())


def rule_prefix(url: str) -> str | None:
    prefix = next((p for p in PREFIX_RULES if url.startswith(p)), None)
    parts = url.split("/")
    if prefix is None and len(parts) > 3 and parts[2] in LANGUAGE_PREFIX_RULES:
        prefix = f"/{parts[1]}/{parts[2]}/"
    return prefix


def headers_file(files, cloudflare: bool = False) -> str:
    rules = header_rules(files)
    lines = ["# Made by `flask --app app export`: the headers the app sends. Do not edit."]
    for rule in rules:
        lines.append(rule.pattern)
        lines += [f"  {name}: {value}" for name, value in rule.headers]
    if cloudflare:
        if len(rules) > CLOUDFLARE_HEADER_RULES:
            raise click.ClickException(
                f"_headers has {len(rules)} rules; Cloudflare Pages reads {CLOUDFLARE_HEADER_RULES}"
            )
        long = [line for line in lines if len(line) > CLOUDFLARE_HEADER_LINE]
        if long:
            raise click.ClickException(
                f"a _headers line is {len(long[0])} characters; Cloudflare Pages reads "
                f"{CLOUDFLARE_HEADER_LINE}"
            )
    return "\n".join(lines) + "\n"


def dynamic_paths(languages) -> list[str]:
    """What the export cannot hold, as deploy/Caddyfile sends it to the app."""
    return ["/", "/api/*", "/healthz", *(f"/{lang}/wipe" for lang in languages)]


def triage_answer_paths(languages) -> set[str]:
    """Where the no-JavaScript triage is answered by the app when a query comes with the
    request; without one, the exported file (at /answer, the questions again by links)."""
    return {f"/{lang}/{name}" for lang in languages for name in ("start", "answer")}


def netlify_redirects(files, languages, origin: str | None) -> str:
    lines = ["# Made by `flask --app app export`. Do not edit."]
    if origin:
        # "!": the export's own root page would shadow the app's language pick otherwise.
        lines.append(f"/  {origin}/  200!")
        lines += [f"/api/*  {origin}/api/:splat  200", f"/healthz  {origin}/healthz  200"]
        lines += [f"/{lang}/wipe  {origin}/{lang}/wipe  200" for lang in languages]
        # The no-JavaScript triage: its answers (an address with answers, kept from before
        # the form sent them to /answer, carries "shows"). Netlify passes the query on.
        lines += [f"/{lang}/start  shows=:shows  {origin}/{lang}/start  200!" for lang in languages]
        lines += [f"/{lang}/answer  {origin}/{lang}/answer  200!" for lang in languages]
    # A page's file name is not its URL: the 404 page, with its headers.
    for file in files:
        if file.status == 200 and file.path.endswith(".html") and file.url != "/" + file.path:
            lang = file.url.split("/")[1]
            not_found = f"/{lang}/404.html" if lang in languages else "/404.html"
            lines.append(f"/{file.path}  {not_found}  404!")
    return "\n".join(lines) + "\n"


def cloudflare_redirects(languages, origin: str | None) -> str:
    """Cloudflare Pages redirects only (no proxy to another host): the dynamic routes are
    sent to the origin with a redirect, which the person's browser follows."""
    lines = ["# Made by `flask --app app export`. Do not edit."]
    if origin:
        # Static redirects first, then the dynamic ones (a splat or placeholder), as
        # Cloudflare asks.
        lines += [f"/healthz  {origin}/healthz  302"]
        lines += [f"/{lang}/wipe  /{lang}/clear  308" for lang in languages]
        lines += [f"/api/*  {origin}/api/:splat  307"]
    rules = lines[1:]
    dynamic = [line for line in rules if "*" in line.split()[0] or ":" in line.split()[0]]
    too_long = [line for line in rules if len(line) > CLOUDFLARE_REDIRECT_LINE]
    if too_long or len(rules) > CLOUDFLARE_REDIRECTS or len(dynamic) > CLOUDFLARE_DYNAMIC:
        raise click.ClickException("_redirects is past Cloudflare Pages' limits")
    return "\n".join(lines) + "\n"


def nginx_value(value: str) -> str:
    if "$" in value:
        raise click.ClickException(f"a header value holds $, which nginx would expand: {value}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_include(files, languages, origin: str | None) -> str:
    """Include in a `server` block whose `root` is the export's `current` folder. With an
    origin, define `upstream guide_origin { server HOST:PORT; }` in the http block."""
    lines = [
        "# Made by `flask --app app export`: include in the guide's server block. Do not edit.",
    ]
    served = [f for f in files if f.status == 200 and not (origin and f.url == "/")]
    for file in served:
        lines.append(f"location = {file.url} {{")
        lines += [
            f"\tadd_header {name} {nginx_value(value)} always;"
            for name, value in file.headers
            if name.lower() not in LEFT_TO_THE_HOST
        ]
        if origin:
            # Form posts (the no-JavaScript clear form) and the no-JavaScript triage answer
            # (a query) are the app's.
            lines.append("\tif ($request_method !~ ^(GET|HEAD)$) { return 418; }")
            if file.url in triage_answer_paths(languages):
                lines.append("\tif ($args) { return 418; }")
            lines.append("\terror_page 418 = @guide_origin;")
        lines.append(f"\ttry_files /{file.path} =404;")
        lines.append("}")
    for lang in [*languages, ""]:
        not_found = next(
            f
            for f in files
            if f.status == 404 and f.path == (f"{lang}/404.html" if lang else "404.html")
        )
        prefix = f"/{lang}/" if lang else "/"
        lines.append(f"location {'^~ ' if lang else ''}{prefix} {{")
        lines.append(f"\terror_page 404 /{not_found.path};")
        lines.append("\treturn 404;")
        lines.append("}")
        lines.append(f"location = /{not_found.path} {{")
        lines.append("\tinternal;")
        lines += [
            f"\tadd_header {name} {nginx_value(value)} always;"
            for name, value in not_found.headers
            if name.lower() not in LEFT_TO_THE_HOST
        ]
        lines.append("}")
    if origin:
        # The app answers only for its own host (its Host check): pass the request's on.
        proxy = "proxy_set_header Host $host; proxy_pass http://guide_origin;"
        for path in dynamic_paths(languages):
            if path.endswith("*"):
                lines.append(f"location ^~ {path[:-1]} {{ {proxy} }}")
            else:
                lines.append(f"location = {path} {{ {proxy} }}")
        lines.append(f"location @guide_origin {{ {proxy} }}")
    return "\n".join(lines) + "\n"
