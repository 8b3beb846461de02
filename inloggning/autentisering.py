"""DRF authentication for integrations: `Authorization: Token <API-nyckel>`.

The header is the one DRF's TokenAuthentication used, so an integration configured before
the keys were hashed keeps working (migration 0002 moved the old keys over).
"""

from rest_framework.authentication import BaseAuthentication, get_authorization_header

from inloggning import services
from inloggning.errors import NyckelAterkallad, NyckelKontoInaktivt, NyckelOgiltig

SCHEMA = "Token"


class ApiNyckelAutentisering(BaseAuthentication):
    """Authenticate an integration by its API key; refuse revoked and unknown keys with 401."""

    def authenticate(self, request):
        delar = get_authorization_header(request).split()
        if not delar or delar[0].lower() != SCHEMA.lower().encode():
            return None  # not ours: the next class (session) may authenticate
        if len(delar) != 2:
            raise NyckelOgiltig()
        try:
            nyckel = delar[1].decode()
        except UnicodeDecodeError:
            raise NyckelOgiltig() from None
        rad = services.api_nyckel_hitta(nyckel=nyckel)
        if rad is None:
            raise NyckelOgiltig()
        if not rad.aktiv:
            raise NyckelAterkallad()
        if not rad.anvandare.is_active:
            raise NyckelKontoInaktivt()
        services.api_nyckel_markera_anvand(nyckel=rad)
        return rad.anvandare, rad

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) with WWW-Authenticate when no credentials came.
        return SCHEMA
