"""`make bench`: the performance budget, measured in a real Chromium over emulated 2G/3G.

Starts the app as `make run` does (gunicorn with gunicorn.conf.py), puts a throttling
proxy in front of it (bench/throttle.py), and for each link profile and language loads
the guide's home page in a fresh Chromium profile several times. Prints the median,
min and max of each figure, the budgets beside them with pass/fail, then the server's
throughput under a bounded loopback load next to nginx serving the same bytes.
Exits non-zero when a budget is missed.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throttle import Profile, ProxyProcess  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PROFILES = (
    Profile("slow-3g", latency_ms=400, down_kbps=400, up_kbps=400),
    Profile("2g", latency_ms=800, down_kbps=250, up_kbps=50),
)
LANGUAGES = ("id", "en")
FIRST_PAGE_BUDGET = 14 * 1024
OFFLINE_BUDGET = 60 * 1024
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAINT_OBSERVER = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__lcp = Math.round(entry.startTime);
}).observe({ type: "largest-contentful-paint", buffered: true });
"""
FCP_RECORDED = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
PAINT_FIGURES = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const blocking = performance.getEntriesByType("resource")
    .filter((r) => r.renderBlockingStatus === "blocking").length;
  return { fcp: fcp ? Math.round(fcp.startTime) : null, lcp: window.__lcp,
           transfer: nav.transferSize, blocking,
           requestStart: Math.round(nav.requestStart), responseStart: Math.round(nav.responseStart),
           responseEnd: Math.round(nav.responseEnd) };
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def warm_up(port: int) -> None:
    """Steady state: each worker has rendered and compressed the pages before we measure."""
    for _ in range(20):
        for lang in LANGUAGES:
            requests.get(
                f"http://127.0.0.1:{port}/{lang}/", headers={"Accept-Encoding": "br"}, timeout=5
            )


def start_app(instance: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PORT": str(port), "INSTANCE_PATH": str(instance)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            requests.get(f"http://127.0.0.1:{port}/sitemap.xml", timeout=10)
            warm_up(port)
            return process, port
        # Not listening yet, or listening while a worker still renders every page.
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    raise RuntimeError("the app did not start")


def visit(playwright, proxy: ProxyProcess, lang: str) -> dict:
    """One first visit and one repeat visit in a fresh browser profile."""
    with tempfile.TemporaryDirectory() as profile_dir:
        context = playwright.chromium.launch_persistent_context(
            profile_dir, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context.set_default_timeout(120_000)
        page = context.pages[0] if context.pages else context.new_page()
        page.add_init_script(PAINT_OBSERVER)
        url = f"http://127.0.0.1:{proxy.port}/{lang}/"
        other_origins = []
        page.on(
            "request",
            lambda r: (
                r.url.startswith(f"http://127.0.0.1:{proxy.port}/") or other_origins.append(r.url)
            ),
        )
        proxy.reset()
        page.goto(url, wait_until="load")
        page.wait_for_function(FCP_RECORDED)
        first = page.evaluate(PAINT_FIGURES)
        page.wait_for_selector("html[data-offline-ready='true']", state="attached")
        page.wait_for_timeout(200)  # let the last bytes of the install land in the counters
        offline_ms = int(page.get_attribute("html", "data-offline-ready-at"))
        offline = proxy.stats()
        request_bytes = next(
            int(line.rsplit(" ", 1)[1])
            for line in offline["request_lines"]
            if line.split()[1] == f"/{lang}/"
        )
        offline_bytes = offline["bytes_down"] + offline["bytes_up"]
        if os.environ.get("BENCH_VERBOSE"):
            print("\n".join(offline["request_lines"]))
        proxy.reset()
        page.goto("about:blank")
        page.goto(url, wait_until="load")
        page.wait_for_function(FCP_RECORDED)
        repeat = page.evaluate(PAINT_FIGURES)
        page_requests = [
            line for line in proxy.stats()["request_lines"] if line.split()[1] == f"/{lang}/"
        ]
        context.close()
    return {
        "first_page_bytes": first["transfer"],
        "request_bytes": request_bytes,
        "blocking_requests": first["blocking"],
        "fcp": first["fcp"],
        # The proxy holds each new connection for one round trip (the handshake) after
        # Chromium believes it sent the request; on a real link that comes before.
        "fcp_after_request": first["fcp"] - first["requestStart"] - proxy.profile.latency_ms,
        "paint_after_response": first["fcp"] - first["responseEnd"],
        "first_byte_after_request": first["responseStart"]
        - first["requestStart"]
        - proxy.profile.latency_ms,
        "lcp": first["lcp"],
        "offline_bytes": offline_bytes,
        "offline_ms": offline_ms,
        "repeat_fcp": repeat["fcp"],
        "repeat_page_requests": len(page_requests),
        "other_origins": len(other_origins),
    }


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):>8.0f}  ({min(values):.0f}–{max(values):.0f})"


def report_profile(profile: Profile, lang: str, runs: list[dict]) -> bool:
    latency = profile.latency_ms
    column = {key: [run[key] for run in runs] for key in runs[0]}
    # The HTML's transfer: the request up the (slow) uplink, the page down the downlink.
    html_transfer_ms = (
        statistics.median(column["request_bytes"]) * 8 / profile.up_kbps
        + statistics.median(column["first_page_bytes"]) * 8 / profile.down_kbps
    )
    # First paint after one round trip: the connection's own round trip (TCP), then the
    # request, within 1.25 latencies, plus the time the HTML takes to arrive.
    fcp_budget = 1.25 * latency + html_transfer_ms
    lines = [
        ("first page, bytes on the wire", column["first_page_bytes"], FIRST_PAGE_BUDGET, "≤"),
        ("first page, request bytes up", column["request_bytes"], None, ""),
        ("render-blocking requests", column["blocking_requests"], 0, "≤"),
        ("FCP from navigation start, ms", column["fcp"], None, ""),
        ("FCP after the request is sent, ms", column["fcp_after_request"], fcp_budget, "≤"),
        ("  first byte after the request is sent", column["first_byte_after_request"], None, ""),
        ("  rendering after the last byte", column["paint_after_response"], None, ""),
        ("LCP, ms", column["lcp"], None, ""),
        ("offline-ready, bytes (both languages)", column["offline_bytes"], OFFLINE_BUDGET, "≤"),
        ("offline-ready, ms", column["offline_ms"], None, ""),
        ("repeat visit FCP, ms", column["repeat_fcp"], None, ""),
        ("repeat visit: requests for the page", column["repeat_page_requests"], 0, "≤"),
        ("requests to other origins", column["other_origins"], 0, "≤"),
    ]
    print(
        f"\n{profile.name} ({latency} ms, {profile.down_kbps}/{profile.up_kbps} kbit/s), /{lang}/, {len(runs)} runs"
    )
    passed = True
    for label, values, budget, relation in lines:
        extra = ""
        if label.startswith(("FCP", "LCP", "repeat visit FCP")):
            extra = f"  = {statistics.median(values) / latency:.2f} × latency"
        if budget is None:
            verdict = ""
        else:
            ok = statistics.median(values) <= budget  # the figure is the median
            passed &= ok
            verdict = f"  budget {relation} {budget:.0f}: {'PASS' if ok else 'FAIL'}"
        print(f"  {label:<40}{spread(values)}{extra}{verdict}")
    return passed


def wrk(url: str, seconds: int, headers: dict) -> dict:
    args = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def latency(percent: str) -> float:
        value, suffix = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * unit[suffix]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def start_nginx(
    workdir: Path, body: bytes, tls: tuple[Path, Path] | None = None
) -> tuple[subprocess.Popen, int]:
    """nginx serving `body` as `/id/` (brotli) from disk: the baseline for a server's rate.
    With `tls` (certificate, key), over HTTPS, to compare with Caddy on the same terms."""
    port = free_port()
    name = "nginx-tls" if tls else "nginx"
    (workdir / "page.br").write_bytes(body)
    listen = f"listen 127.0.0.1:{port}"
    if tls:
        listen += f" ssl;\n        ssl_certificate {tls[0]};\n        ssl_certificate_key {tls[1]}"
    config = workdir / f"{name}.conf"
    config.write_text(
        f"""
worker_processes 2;
daemon off;
pid {workdir}/{name}.pid;
error_log {workdir}/{name}-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir};
    proxy_temp_path {workdir};
    fastcgi_temp_path {workdir};
    uwsgi_temp_path {workdir};
    scgi_temp_path {workdir};
    server {{
        {listen};
        root {workdir};
        location = /id/ {{
            default_type text/html;
            add_header Content-Encoding br;
            try_files /page.br =404;
        }}
    }}
}}
"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not start")


def report_server(app_port: int, workdir: Path) -> bool:
    headers = {"Accept-Encoding": "br"}
    body = requests.get(
        f"http://127.0.0.1:{app_port}/id/", headers=headers, timeout=5, stream=True
    ).raw.read()
    nginx, nginx_port = start_nginx(workdir, body)
    try:
        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(wrk(f"http://127.0.0.1:{app_port}/id/", 5, headers))
            theirs.append(wrk(f"http://127.0.0.1:{nginx_port}/id/", 5, headers))
    finally:
        nginx.terminate()
        nginx.wait(10)
    print(
        f"\nserver: GET /id/ ({len(body)} bytes, br), wrk 2 threads × 50 connections × 5 s, {RUNS} runs"
    )
    for name, runs in (("gunicorn (make run)", ours), ("nginx, same bytes", theirs)):
        print(
            f"  {name:<22} req/s {spread([r['rps'] for r in runs])}"
            f"   p50 {statistics.median(r['p50'] for r in runs):.2f} ms"
            f"   p99 {statistics.median(r['p99'] for r in runs):.2f} ms"
            f"   errors {sum(r['errors'] for r in runs)}"
        )
    ratio = statistics.median(r["rps"] for r in ours) / statistics.median(r["rps"] for r in theirs)
    errors = sum(r["errors"] for r in ours)
    print(f"  gunicorn / nginx throughput: {ratio:.2f}")
    print(f"  errors under load: {errors}  budget = 0: {'PASS' if errors == 0 else 'FAIL'}")
    return errors == 0


def main(then: Callable[[Path], bool | None] | None = None) -> int:
    """The budgets; then `then(workdir)`, before the work folder goes (bench/main.py)."""
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(
                f"{tool} is missing: run `make bench` (it installs it as root) or apt-get install {tool}"
            )
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    app, app_port = start_app(workdir / "instance")
    passed = True
    try:
        print(
            f"Budgets: first page ≤ {FIRST_PAGE_BUDGET} B, offline-ready ≤ {OFFLINE_BUDGET} B, "
            "no render-blocking request, FCP ≤ 1.25 × latency + HTML transfer after the request is "
            "sent (the connection's own round trip comes before; every site pays it), "
            "no request for the page on a repeat visit, no other origin."
        )
        with sync_playwright() as playwright:
            for profile in PROFILES:
                proxy = ProxyProcess(app_port, profile).start()
                for lang in LANGUAGES:
                    runs = [visit(playwright, proxy, lang) for _ in range(RUNS)]
                    passed &= report_profile(profile, lang, runs)
                proxy.stop()
        passed &= report_server(app_port, workdir)
    finally:
        app.terminate()
        app.wait(15)
    try:
        # The production stack's budget (one connection) fails the run too.
        if then and then(workdir) is False:
            passed = False
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    import levers

    levers.report()
    print("\nall budgets pass" if passed else "\nSOME BUDGETS FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
