"""Demo svarsmallar: the answers a Swedish kommun's kontaktcenter writes every day.

Placeholders are those of `arenden/svarsmallar.py`. A mall with a förvaltning is offered
only on that förvaltning's ärenden; one without is offered on every ärende.
"""

from arenden.models import Forvaltning, Svarsmall

# (titel, förvaltning or None for shared, text)
SVARSMALLAR: list[tuple[str, str | None, str]] = [
    (
        "Tack för ditt ärende",
        None,
        "Hej {namn}!\n\nTack för att du kontaktade {kommun}. Ditt ärende har nummer "
        "{arendenummer}; ange det om du hör av dig igen. Du får svar senast {svar_senast}."
        "\n\nVänliga hälsningar\n{handlaggare}\nKontaktcenter, {kommun}",
    ),
    (
        "Ärendet skickat till förvaltningen",
        None,
        "Hej {namn}!\n\nDin fråga ({arendenummer}) behöver besvaras av en handläggare, så vi "
        "har skickat den vidare till {forvaltning}. Du får svar senast {svar_senast}.\n\n"
        "Vänliga hälsningar\n{handlaggare}\nKontaktcenter, {kommun}",
    ),
    (
        "Vi behöver fler uppgifter",
        None,
        "Hej {namn}!\n\nFör att kunna hjälpa dig med ärende {arendenummer} behöver vi veta "
        "mer. Svara på det här meddelandet med:\n\n- \n\nVänliga hälsningar\n{handlaggare}",
    ),
    (
        "Felanmälan mottagen",
        "Teknik och service",
        "Hej {namn}!\n\nTack för din felanmälan ({arendenummer}). Den är skickad till "
        "driftavdelningen som åtgärdar felet så snart det går. Akuta fel som är farliga "
        "för trafiken åtgärdas samma dag.\n\nVänliga hälsningar\n{handlaggare}",
    ),
    (
        "Bygglov: handlingar som behövs",
        "Samhällsbyggnad",
        "Hej {namn}!\n\nFör en bygglovsansökan behöver du skicka in situationsplan, "
        "fasad- och planritningar samt en kontrollplan. Du ansöker enklast via kommunens "
        "e-tjänst. Ange ärendenummer {arendenummer} om du har frågor.\n\n"
        "Vänliga hälsningar\n{handlaggare}",
    ),
    (
        "Förskoleplats: kötid",
        "Utbildning",
        "Hej {namn}!\n\nDu har rätt till förskoleplats inom fyra månader från att du ställt "
        "ditt barn i kö. Ställ barnet i kö i e-tjänsten för förskola; där ser du också "
        "din plats i kön.\n\nVänliga hälsningar\n{handlaggare}",
    ),
]


def svarsmallar_demo() -> int:
    """Create the demo svarsmallar that are missing (by titel); return how many were made."""
    forvaltningar = {f.namn: f for f in Forvaltning.objects.all()}
    skapade = 0
    for titel, forvaltning, text in SVARSMALLAR:
        if forvaltning is not None and forvaltning not in forvaltningar:
            continue
        _, ny = Svarsmall.objects.get_or_create(
            titel=titel,
            defaults={
                "text": text,
                "forvaltning": forvaltningar.get(forvaltning) if forvaltning else None,
            },
        )
        skapade += ny
    return skapade
