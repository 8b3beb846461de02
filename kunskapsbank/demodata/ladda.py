"""Load the demo articles and synonyms; safe to run again (creates only what is missing)."""

import datetime

from django.db import transaction
from django.utils import timezone

from arenden.models import Kategori
from kunskapsbank import services, sok
from kunskapsbank.demodata import artiklar_a, artiklar_b, artiklar_c
from kunskapsbank.demodata.synonymer import SYNONYMER
from kunskapsbank.models import ArtikelStatus, ArtikelVersion, Kunskapsartikel, Malgrupp, Synonym


def demoartiklar() -> list[tuple[str, str, list[str], str, bool]]:
    """Return (kategori, fråga, andra sätt att fråga, svar, publik) for every demo article."""
    ut = []
    for modul in (artiklar_a, artiklar_b, artiklar_c):
        for kategori, artiklar in modul.ARTIKLAR.items():
            for fraga, alternativ, svar, publik in artiklar:
                ut.append((kategori, fraga, alternativ.split("|"), svar, publik))
    return ut


@transaction.atomic
def kunskapsbank_fyll_pa(*, agare_per_forvaltning: dict[str, object] | None = None) -> int:
    """Create the demo articles (published) and synonyms that do not exist yet.

    Every seventh article is given a review date in the past, so that the upkeep list has
    something to show. Returns how many articles were created.
    """
    agare_per_forvaltning = agare_per_forvaltning or {}
    for ord_, betyder in SYNONYMER:
        Synonym.objects.get_or_create(ord=ord_, betyder=betyder)
    kategorier = {k.namn: k for k in Kategori.objects.select_related("forvaltning")}
    finns = set(Kunskapsartikel.objects.values_list("fraga", flat=True))
    nu = timezone.now()
    idag = timezone.localdate()
    nya = []
    for i, (kategori_namn, fraga, alternativ, svar, publik) in enumerate(demoartiklar()):
        kategori = kategorier.get(kategori_namn)
        if kategori is None or fraga in finns:
            continue
        tvattat = services.svar_tvatta(f"<p>{svar}</p>")
        nya.append(
            Kunskapsartikel(
                fraga=fraga,
                svar=tvattat,
                svar_text=services.svar_som_text(tvattat),
                alternativa_fragor=alternativ,
                forvaltning=kategori.forvaltning,
                kategori=kategori,
                rosa=min(kategori.standard_rosa, 4),
                malgrupp=Malgrupp.PUBLIK if publik else Malgrupp.INTERN,
                agare=agare_per_forvaltning.get(kategori.forvaltning.namn),
                status=ArtikelStatus.PUBLICERAD,
                granskas_senast=idag - datetime.timedelta(days=10)
                if i % 7 == 3
                else idag + datetime.timedelta(days=60 + 5 * i),
                skapad=nu,
                andrad=nu,
            )
        )
    skapade = Kunskapsartikel.objects.bulk_create(nya)
    ArtikelVersion.objects.bulk_create(
        ArtikelVersion(
            artikel=a,
            nummer=1,
            fraga=a.fraga,
            svar=a.svar,
            alternativa_fragor=a.alternativa_fragor,
            status=a.status,
            malgrupp=a.malgrupp,
            tid=nu,
            kommentar="Demodata",
        )
        for a in skapade
    )
    sok.sokvektor_uppdatera(artikel_ids=[a.pk for a in skapade])
    return len(skapade)


def kunskapsbank_demo() -> int:
    """Load the demo articles with the demo users as owners (seed_demo calls this)."""
    from django.contrib.auth import get_user_model

    from arenden.demodata.katalog import HANDLAGGARENS_FORVALTNING, KATEGORIER

    anvandare = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["teamledare", "handlaggare"])
    }
    agare = {mall.forvaltning: anvandare.get("teamledare") for mall in KATEGORIER}
    if "handlaggare" in anvandare:
        agare[HANDLAGGARENS_FORVALTNING] = anvandare["handlaggare"]
    return kunskapsbank_fyll_pa(agare_per_forvaltning=agare)
