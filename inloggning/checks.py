"""System check: OIDC_GRUPPMAPPNING names only roles that exist."""

from django.core import checks

from arenden.behorighet import Roll
from inloggning import konfiguration


@checks.register(checks.Tags.security)
def gruppmappning(app_configs, **kwargs):
    fel = []
    for grupp, roll in konfiguration.varde("GRUPPMAPPNING").items():
        if roll not in Roll.ALLA:
            fel.append(
                checks.Error(
                    f"OIDC_GRUPPMAPPNING mappar {grupp!r} till {roll!r}, som inte är en roll.",
                    hint=f"Roller: {', '.join(Roll.ALLA)}.",
                    id="inloggning.E001",
                )
            )
    if konfiguration.sso_aktiv() and not konfiguration.varde("GRUPPMAPPNING"):
        fel.append(
            checks.Warning(
                "Inloggning med kommunens konto är på men OIDC_GRUPPMAPPNING är tom: "
                "ingen kommer att kunna logga in den vägen.",
                id="inloggning.W001",
            )
        )
    return fel
