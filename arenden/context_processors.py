"""Template context every page needs: the user's role for the header.

The menu's entries are decided in kontaktcenter/context_processors.py."""

from arenden import behorighet


def roll(request):
    if not request.user.is_authenticated:
        return {}
    huvud = behorighet.huvudroll(request.user)
    return {
        "kc_roll": huvud,
        "kc_roll_namn": behorighet.Roll.NAMN.get(huvud, ""),
        "kc_kan_hantera_personuppgifter": behorighet.kan_hantera_personuppgifter(request.user),
    }
