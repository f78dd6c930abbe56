"""gunicorn settings for `make run`; HOST, PORT (or BIND), WEB_WORKERS and WEB_THREADS override them."""

import logging
import multiprocessing
import os
import re

from gunicorn.glogging import Logger

# BIND names a unix socket ("unix:/run/guide/gunicorn.sock") for the production stack:
# made with mode 660, so only our user and group (Caddy's, in production) can connect.
# Under systemd socket activation (guide-web.socket) the socket is handed over instead.
bind = (
    os.environ.get("BIND")
    or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
umask = 0o117
# Threaded workers: a phone on 2G holds a connection for seconds, and must not tie up
# a whole process while it does.
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", min(multiprocessing.cpu_count() * 2, 8)))
threads = int(os.environ.get("WEB_THREADS", 8))
timeout = 30
graceful_timeout = 10
keepalive = 5
# Refuse oversized request lines and headers before Flask sees them.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Load the app once, before forking, so a broken app fails at start, loudly.
preload_app = True
accesslog = "-"
# No client addresses in the log (the error log's go too: NoClientAddresses below):
# nothing personal is kept, not even there. The path without its query string: answers
# typed into a form never reach the log. Push endpoints and reminder keys travel only in
# bodies and headers, which are never logged.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"


class NoClientAddresses(logging.Filter):
    """gunicorn names the client when it cannot parse a request ("Invalid request from
    ip=203.0.113.5: Invalid HTTP method"): the line stays, for the operator; the address goes."""

    ADDRESS = re.compile(r" from ip=\S*(?=: )")  # IPv6 too: an address holds no ": "

    def filter(self, record):
        message = record.getMessage()
        if "ip=" in message:
            record.msg, record.args = self.ADDRESS.sub("", message), ()
        return True


NO_CLIENT_ADDRESSES = NoClientAddresses()


class LoggerWithoutAddresses(Logger):
    """gunicorn's own logger, with the filter on its error log. A logger class, not
    logconfig_dict: that would replace gunicorn's handlers (and errorlog, accesslog) with
    a dictConfig of our own, only to add one filter."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(NO_CLIENT_ADDRESSES)  # once, even when setup runs again


logger_class = LoggerWithoutAddresses
# X-Forwarded-Proto and the like are believed only from the proxies PROXY_FIX_HOPS says
# are in front (on this machine: loopback; FORWARDED_ALLOW_IPS names others); with no
# proxy, from nobody, not even 127.0.0.1 (gunicorn's default).
_proxy_hops = int(os.environ.get("PROXY_FIX_HOPS", "").strip() or 0)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if _proxy_hops else ""
# Never a mount point or path from a header (SCRIPT_NAME, PATH_INFO): gunicorn would take
# them from any trusted peer, and every unix-socket peer counts as trusted.
forwarder_headers = ""
# No control socket: gunicorn's default is one path per user, which several instances on
# one machine would share. Nothing here uses it; the process is managed by its signals.
control_socket_disable = True


def on_starting(server):
    """Before forking: the instance folder, database and key, every page rendered once.

    Building the app does none of this (it only wires); a problem here stops the start
    with one clear line, and the workers inherit what was prepared.
    """
    from webapp import prepare

    prepare(server.app.wsgi())


# The reminder dispatcher runs beside gunicorn, started and stopped with it and restarted
# when it dies or hangs (webapp/push/supervisor.py). START_DISPATCHER=0 leaves it out,
# e.g. when it runs as its own unit.
def when_ready(server):
    if os.environ.get("START_DISPATCHER", "1") == "0":
        return
    from webapp.push.health import max_round_age
    from webapp.push.supervisor import DispatcherSupervisor

    app = server.app.wsgi()
    server.dispatcher = DispatcherSupervisor(
        server.log, app.instance_path, max_round_age(app.config)
    )
    server.dispatcher.start()


def on_exit(server):
    supervisor = getattr(server, "dispatcher", None)
    if supervisor:
        supervisor.stop()
