"""The one accessor for the kunskapsbank's settings, read lazily.

`settings.KONTAKTCENTER` may hold KONTAKTFORMULAR_URL (where the public FAQ sends a
visitor whose question it did not answer); the default is the e-tjänst contact form.
"""

from django.conf import settings

STANDARD = {"KONTAKTFORMULAR_URL": "/kontakta-oss/"}


def varde(namn: str) -> str:
    return settings.KONTAKTCENTER.get(namn, STANDARD[namn])
