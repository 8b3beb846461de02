"""A small OpenID Connect provider on loopback, standing in for the kommun's (Entra ID,
Keycloak …) in the SSO tests.

It speaks the authorization-code flow as mozilla-django-oidc uses it: /authorize sends the
browser back with a code (for the person the test chose), /token checks the client secret,
the redirect URI and the PKCE verifier and answers with an RS256-signed id_token, /userinfo
gives the person's claims with his groups, /jwks publishes the public key.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KLIENT_ID = "kontaktcenter"
KLIENT_HEMLIGHET = "fejk-idp-hemlighet-0123456789"
NYCKEL_ID = "nyckel-1"


class FejkIdp:
    def __init__(self):
        self.nyckel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        # A key the provider does not publish: to sign a forged id_token with.
        self.fel_nyckel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person: dict = {}  # the claims of whoever "logs in" at the provider next
        self.forfalska = False
        self.mottagare = KLIENT_ID  # the id_token's aud
        self.annan_sub = False  # userinfo about someone other than the id_token's sub
        self._koder: dict[str, dict] = {}
        self._atkomst: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _hanterare(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._trad = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._trad.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def authorize(self, fraga: dict) -> str:
        """Return where the provider sends the browser after the person logged in."""
        kod = secrets.token_urlsafe(16)
        self._koder[kod] = {"fraga": fraga, "person": dict(self.person)}
        tillbaka = {"code": kod, "state": fraga["state"]}
        return f"{fraga['redirect_uri']}?{urlencode(tillbaka)}"

    def token(self, form: dict) -> tuple[int, dict]:
        if form.get("client_id") != KLIENT_ID or form.get("client_secret") != KLIENT_HEMLIGHET:
            return 401, {"error": "invalid_client"}
        post = self._koder.pop(form.get("code", ""), None)
        if post is None or form.get("redirect_uri") != post["fraga"]["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        utmaning = post["fraga"].get("code_challenge")
        if utmaning:
            verifierare = form.get("code_verifier", "").encode()
            berakning = base64.urlsafe_b64encode(hashlib.sha256(verifierare).digest())
            if berakning.rstrip(b"=").decode() != utmaning:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        person = post["person"]
        nu = int(time.time())
        id_token = jwt.encode(
            {
                "iss": self.url,
                "sub": person["sub"],
                "aud": self.mottagare,
                "iat": nu,
                "exp": nu + 300,
                "nonce": post["fraga"].get("nonce"),
            },
            self.fel_nyckel if self.forfalska else self.nyckel,
            algorithm="RS256",
            headers={"kid": NYCKEL_ID},
        )
        atkomst = secrets.token_urlsafe(16)
        self._atkomst[atkomst] = {**person, "sub": "nagon-annan"} if self.annan_sub else person
        return 200, {"access_token": atkomst, "token_type": "Bearer", "id_token": id_token}

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        person = self._atkomst.get(authorization.removeprefix("Bearer "))
        return (200, person) if person is not None else (401, {"error": "invalid_token"})

    def jwks(self) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.nyckel.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": NYCKEL_ID, "alg": "RS256", "use": "sig"}]}


def _hanterare(idp: FejkIdp):
    class Hanterare(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, status: int, data: dict):
            kropp = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(kropp)))
            self.end_headers()
            self.wfile.write(kropp)

        def do_GET(self):
            url = urlparse(self.path)
            fraga = {k: v[-1] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                self.send_response(302)
                self.send_header("Location", idp.authorize(fraga))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif url.path == "/userinfo":
                self._json(*idp.userinfo(self.headers.get("Authorization", "")))
            elif url.path == "/jwks":
                self._json(200, idp.jwks())
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self):
            langd = int(self.headers.get("Content-Length", "0"))
            form = {k: v[-1] for k, v in parse_qs(self.rfile.read(langd).decode()).items()}
            if urlparse(self.path).path == "/token":
                self._json(*idp.token(form))
            else:
                self._json(404, {"error": "not_found"})

    return Hanterare
