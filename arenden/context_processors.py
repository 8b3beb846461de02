"""Template context every page needs: the user's role for the header and navigation."""

from arenden import behorighet


def roll(request):
    if not request.user.is_authenticated:
        return {}
    huvud = behorighet.huvudroll(request.user)
    return {
        "kc_roll": huvud,
        "kc_roll_namn": behorighet.Roll.NAMN.get(huvud, ""),
        "kc_kan_skapa": behorighet.kan_skapa(request.user),
        "kc_kan_se_statistik": behorighet.kan_se_statistik(request.user),
        "kc_kan_hantera_personuppgifter": behorighet.kan_hantera_personuppgifter(request.user),
    }
