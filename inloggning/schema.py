"""The OpenAPI description of the API key scheme (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiNyckelSchema(OpenApiAuthenticationExtension):
    target_class = "inloggning.autentisering.ApiNyckelAutentisering"
    name = "apiNyckel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "API-nyckel för en integration (växel, e-tjänsteplattform): "
                "`Authorization: Token kc_<prefix>_<hemlighet>`. Skapas med "
                "`python manage.py skapa_token <tjänsteanvändare> --integration <namn>` "
                "och visas bara en gång; återkallas med `--aterkalla <prefix>`."
            ),
        }
