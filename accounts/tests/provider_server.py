"""Starts the test OpenID Connect provider (oidc_provider.mjs, node-oidc-provider from npm) on
loopback, and walks its login page the way a browser would for tests that use Django's client."""

import json
import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "insyn-test"
CLIENT_SECRET = "insyn-test-secret-that-is-long-enough"

# The provider's people. `sub` is the stable claim; usernames and e-mail may change.
ACCOUNTS = {
    "anna": {
        "password": "anna-lösen", "sub": "0f3c9a6e-anna", "amr": ["pwd"],
        "claims": {"preferred_username": "anna.ek@adala.example.se", "given_name": "Anna", "family_name": "Ek",
                   "name": "Anna Ek", "email": "anna.ek@adala.example.se", "groups": []},
    },
    "bertil": {
        "password": "bertil-lösen", "sub": "77aa01b2-bertil", "amr": ["pwd"],
        "claims": {"preferred_username": "bertil.berg@adala.example.se", "given_name": "Bertil",
                   "family_name": "Berg", "email": "bertil.berg@adala.example.se", "groups": []},
    },
    "sekreterare": {
        "password": "sekr-lösen", "sub": "5d2e7c10-sekr", "amr": ["pwd", "mfa"],
        "claims": {"preferred_username": "sara.sekreterare@adala.example.se", "given_name": "Sara",
                   "family_name": "Sekreterare", "email": "sara@adala.example.se",
                   "groups": ["grp-namndsekreterare", "grp-annat"]},
    },
    "redaktor": {
        "password": "red-lösen", "sub": "8b8b8b8b-red", "amr": ["pwd"],
        "claims": {"preferred_username": "rolf.redaktor@adala.example.se", "given_name": "Rolf",
                   "family_name": "Redaktör", "groups": ["grp-redaktorer"]},
    },
    "politiker": {
        "password": "pol-lösen", "sub": "1a1a1a1a-politiker", "amr": ["pwd"],
        "claims": {"preferred_username": "politiker", "given_name": "Paula", "family_name": "Politiker",
                   "groups": []},
    },
}
GROUP_MAP = "grp-namndsekreterare=Nämndsekreterare;grp-redaktorer=Redaktörer"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackProvider:
    def __init__(self, site_urls):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.config = {
            "issuer": self.issuer,
            "port": self.port,
            "client": {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"{url}/logga-in/oidc/callback/" for url in site_urls],
                "post_logout_redirect_uris": [f"{url}/utloggad/" for url in site_urls],
            },
            "accounts": ACCOUNTS,
        }

    def start(self):
        self.process = subprocess.Popen(
            ["node", str(SCRIPT)], cwd=ROOT, env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(self.config)},
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        if not self.process.stdout.readline().startswith("ready"):
            raise RuntimeError("The test OpenID Connect provider did not start (npm ci installs oidc-provider).")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).raise_for_status()
                return self
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("The test OpenID Connect provider does not answer.")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def set_groups(self, login, groups):
        requests.post(f"{self.issuer}/test/groups", data={"login": login, "group": groups}, timeout=5).raise_for_status()

    def settings(self):
        """Insyn's settings for this provider, as the environment would give them."""
        return {
            "INSYN_OIDC_ISSUER": self.issuer,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "INSYN_OIDC_GROUP_MAP": GROUP_MAP,
        }

    def environment(self):
        return {
            "INSYN_OIDC_ISSUER": self.issuer,
            "INSYN_OIDC_CLIENT_ID": CLIENT_ID,
            "INSYN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "INSYN_OIDC_GROUP_MAP": GROUP_MAP,
        }


class Browserless:
    """The user's side at the provider: cookies kept between logins, like one browser."""

    def __init__(self):
        self.http = requests.Session()

    def login(self, authorize_url, login, password=None, site="http://testserver"):
        """Follows the authorisation request through the provider's login page; returns the
        path and query of the callback the provider sends the browser to."""
        account = ACCOUNTS.get(login, {})
        url = authorize_url
        for _ in range(10):
            response = self.http.get(url, allow_redirects=False, timeout=10)
            if response.status_code in (302, 303):
                url = urljoin(url, response.headers["Location"])
                if url.startswith(site):
                    return url[len(site):]
                continue
            path = urlsplit(url).path
            if response.status_code == 200 and path.startswith("/interaction/"):
                response = self.http.post(
                    urljoin(url, path + "/login"),
                    data={"login": login, "password": password or account.get("password", "")},
                    allow_redirects=False, timeout=10,
                )
                if response.status_code != 303:
                    raise AssertionError(f"The provider refused the login: {response.text[:300]}")
                url = urljoin(url, response.headers["Location"])
                continue
            raise AssertionError(f"Unexpected answer from the provider at {url}: {response.status_code}")
        raise AssertionError("Too many redirects at the provider.")
