"""Single sign-on with the kommun's OpenID Connect provider (mozilla-django-oidc).

Active only when OIDC_RP_CLIENT_ID is set (see README, "Inloggning"). The provider is
trusted for who the person is and which roles he has: at every login the account is
created or updated, the provider's groups are mapped to our role groups through
OIDC_GRUPPMAPPNING, roles it no longer grants are removed, and the kommun and förvaltning
are taken from the claims when they carry them. Someone whose groups map to no role is
refused with a Swedish message on the login page.
"""

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from inloggning import konfiguration, personal, services
from inloggning.errors import SsoNekad


def roller_fran_claims(claims: dict) -> set[str]:
    """Map the provider's groups (a list, or one string) to our role names."""
    grupper = claims.get(konfiguration.varde("GRUPP_CLAIM")) or []
    if isinstance(grupper, str):
        grupper = [grupper]
    mappning: dict[str, str] = konfiguration.varde("GRUPPMAPPNING")
    return {mappning[g] for g in grupper if isinstance(g, str) and g in mappning}


def _claim(claims: dict, namn_installning: str) -> str | None:
    namn = konfiguration.varde(namn_installning)
    varde = claims.get(namn) if namn else None
    if varde is None:
        return None
    return str(varde).strip() or None


class KommunensOidcBackend(OIDCAuthenticationBackend):
    """Match the person on a username claim, keep roles and placement in step with the IdP."""

    def get_user(self, user_id):
        # As mozilla-django-oidc's, with the roles and the Medarbetare read along.
        return personal.personal_hamta(user_id)

    def _anvandarnamn(self, claims: dict) -> str | None:
        return _claim(claims, "ANVANDARNAMN_CLAIM")

    def describe_user_by_claims(self, claims):
        return f"användarnamn {self._anvandarnamn(claims)}"

    def filter_users_by_claims(self, claims):
        anvandarnamn = self._anvandarnamn(claims)
        if not anvandarnamn:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(**{self.UserModel.USERNAME_FIELD: anvandarnamn})

    def verify_claims(self, claims):
        if self._anvandarnamn(claims) is None:
            messages.error(
                self.request,
                _(
                    "Kommunens inloggning skickade inget användarnamn. Kontakta kommunens "
                    "administratör."
                ),
            )
            return False
        return True

    def get_userinfo(self, access_token, id_token, payload):
        # OpenID Connect Core 5.3.2: userinfo must be about the person the id_token names.
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo och id_token gäller olika personer (sub).")
        return claims

    def verify_token(self, token, **kwargs):
        # mozilla-django-oidc checks signature and nonce but not the audience: an id_token
        # the provider issued to another application of the kommun must not log in here.
        payload = super().verify_token(token, **kwargs)
        mottagare = payload.get("aud")
        if mottagare is not None:
            lista = [mottagare] if isinstance(mottagare, str) else list(mottagare)
            if self.OIDC_RP_CLIENT_ID not in lista:
                raise SuspiciousOperation("id_token är utfärdad för en annan klient (aud).")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return super().get_or_create_user(access_token, id_token, payload)
        except SsoNekad as fel:
            # The callback only redirects to the login page; the reason travels as a message.
            messages.error(self.request, fel.message)
            return None

    @transaction.atomic
    def create_user(self, claims):
        # One transaction: a refused person leaves no account behind.
        anvandare = self.UserModel.objects.create_user(self._anvandarnamn(claims))
        return self.update_user(anvandare, claims)

    def update_user(self, user, claims):
        if not user.is_active:
            raise SsoNekad(
                _("Ditt konto i Kontaktcenter är inaktiverat. Kontakta kommunens administratör."),
                code="sso_konto_inaktivt",
            )
        return services.medarbetare_synka_fran_idp(
            anvandare=user,
            roller=roller_fran_claims(claims),
            kommun=_claim(claims, "KOMMUN_CLAIM"),
            forvaltning=_claim(claims, "FORVALTNING_CLAIM"),
            fornamn=claims.get("given_name"),
            efternamn=claims.get("family_name"),
            epost=claims.get("email"),
        )
