"""The main menu: which of its entries the logged-in user's roles may use.

Each answer comes from the app that owns the page (its `behorighet` module), so the menu
never offers a page that would answer 403, and no rule is written twice.
"""

from arenden import behorighet as arenden_behorighet
from kunskapsbank import behorighet as kunskapsbank_behorighet
from platina_bridge import behorighet as platina_behorighet


def meny(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    diarieforing = platina_behorighet.kan_hantera_registreringar(user)
    personuppgifter = arenden_behorighet.kan_hantera_personuppgifter(user)
    adminsidan = user.is_staff  # Django's own admin lets in staff accounts only.
    return {
        "kc_meny": {
            "registrera": arenden_behorighet.kan_skapa(user),
            "epost": arenden_behorighet.kan_skapa(user),
            "kunskapsbank": kunskapsbank_behorighet.ar_personal(user),
            "kunskapsluckor": kunskapsbank_behorighet.kan_se_rapporter(user),
            "statistik": arenden_behorighet.kan_se_statistik(user),
            "diarieforing": diarieforing,
            "adminsidan": adminsidan,
            "personuppgifter": personuppgifter,
            "administration": diarieforing or personuppgifter or adminsidan,
        }
    }
