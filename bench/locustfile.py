"""The page mix for ``bench/load.py`` (locust): each simulated user logs in as
the benchmark kommun's coordinator and opens the main pages in turn.
The URLs and credentials come from the JSON file named by INTKOMMUN_BENCH_MIX.

Logging in (a deliberately slow password hash) is not part of the measurement:
it goes through a plain requests session, and the statistics start once every
user has logged in; the run ends ``seconds`` later."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import gevent  # noqa: E402
import requests  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402

from bench.server import (  # noqa: E402
    PROXY_HEADERS,
    login,
    send_secure_cookies_over_http,
)

MIX = json.loads(Path(os.environ["INTKOMMUN_BENCH_MIX"]).read_text())
LoginSession = send_secure_cookies_over_http(requests.Session)
logged_in = 0


class Coordinator(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:
        global logged_in
        session = LoginSession()
        login(session, self.host, MIX["username"], MIX["password"])
        self.client.headers.update(PROXY_HEADERS)
        for cookie in session.cookies:
            self.client.cookies.set_cookie(cookie)
        self.pages = MIX["pages"]
        self.turn = logged_in  # the users start at different pages
        logged_in += 1
        runner = self.environment.runner
        if logged_in == runner.target_user_count:
            runner.stats.reset_all()
            gevent.spawn_later(MIX["seconds"], runner.quit)

    @task
    def next_page(self) -> None:
        label, url = self.pages[self.turn % len(self.pages)]
        self.turn += 1
        self.client.get(url, name=label)
