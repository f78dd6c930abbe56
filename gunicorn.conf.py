"""gunicorn settings for `make run`; HOST, PORT, WEB_WORKERS and WEB_THREADS override them."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
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
# No client addresses in the log: nothing personal is kept, not even there.
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
