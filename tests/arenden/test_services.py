"""The ärende services: every transition, and the timeline entry it writes with it."""

import re
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from arenden import kalender, selectors, services
from arenden.behorighet import Roll
from arenden.errors import ArendeInaktuellt, ArendeRedanTilldelat, OgiltigStatus, OgiltigUppgift
from arenden.kalender import TIDSZON
from arenden.models import Arende, Handelse, Kanal, Kontakt, Meddelande, Status, Utfall
from tests.factories import (
    ArendeFactory,
    ForvaltningFactory,
    KategoriFactory,
    KommunFactory,
    KontaktFactory,
    anvandare_med_roll,
)

pytestmark = pytest.mark.django_db

# A Tuesday with no holiday near it: one arbetsdag later is Wednesday, five is next Tuesday.
TISDAG = datetime(2026, 11, 24, 10, 0, tzinfo=TIDSZON)


def handelser(arende: Arende, typ: str | None = None) -> list[Handelse]:
    qs = Handelse.objects.filter(arende=arende).order_by("tid", "id")
    return list(qs.filter(typ=typ) if typ else qs)


def farskt(arende: Arende) -> Arende:
    return Arende.objects.get(pk=arende.pk)


@pytest.fixture
def arende(kommun, vagledare):
    return ArendeFactory(kommun=kommun, av=vagledare, rubrik="Fråga om sophämtning")


@pytest.fixture
def tilldelat(arende, vagledare):
    return services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)


# ---------------------------------------------------------------------------------------
# Skapa


def test_skapa_ger_nummer_och_skapat_handelse(kommun, vagledare, kategori_snabb):
    """A new ärende gets a KC-<år>-<6 siffror> number, status ny and a SKAPAT event."""
    # when
    arende = services.arende_skapa(
        rubrik="  Trasig gatlykta  ",
        kanal=Kanal.TELEFON,
        av=vagledare,
        kategori=kategori_snabb,
        inkom=TISDAG,
        kommun=kommun,
    )

    # then
    assert re.fullmatch(r"KC-2026-\d{6}", arende.nummer)
    assert arende.rubrik == "Trasig gatlykta"
    assert arende.status == Status.NY
    assert arende.skapad_av == vagledare
    assert arende.version == 1
    [skapat] = handelser(arende)
    assert skapat.typ == Handelse.Typ.SKAPAT
    assert skapat.aktor == vagledare
    assert skapat.data == {"kanal": "telefon", "kategori": "Felanmälan gata", "rosa": 2}


def test_skapa_ger_nummer_i_foljd(kommun, vagledare):
    """Ärenden opened one after another get consecutive numbers."""
    nummer = [ArendeFactory(kommun=kommun, av=vagledare).nummer for _ in range(3)]

    lopnummer = [int(n.rsplit("-", 1)[1]) for n in nummer]
    assert lopnummer == [lopnummer[0], lopnummer[0] + 1, lopnummer[0] + 2]


def test_skapa_numrerar_efter_svenskt_ar(kommun, vagledare):
    """The year in the number is the Swedish calendar year the contact came in."""
    # 23:30 UTC on New Year's Eve is already 00:30 on New Year's Day in Stockholm.
    nyarsnatt = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)

    arende = ArendeFactory(kommun=kommun, av=vagledare, inkom=nyarsnatt)

    assert arende.nummer.startswith("KC-2026-")


@pytest.mark.parametrize(
    ("kategori", "forvantat"),
    [
        (None, datetime(2026, 11, 25, 10, 0, tzinfo=TIDSZON)),  # STANDARD_SLA_ARBETSDAGAR=1
        ("kategori_snabb", datetime(2026, 11, 25, 10, 0, tzinfo=TIDSZON)),
        ("kategori_diarieford", datetime(2026, 12, 1, 10, 0, tzinfo=TIDSZON)),
    ],
)
def test_skapa_satter_svar_senast_fran_kategorins_sla(
    request, kommun, vagledare, kategori, forvantat
):
    """The due time is the kategori's SLA in arbetsdagar from when the contact came in."""
    kategori = request.getfixturevalue(kategori) if kategori else None

    arende = ArendeFactory(kommun=kommun, av=vagledare, kategori=kategori, inkom=TISDAG)

    assert farskt(arende).svar_senast == forvantat


def test_skapa_tar_forvaltning_och_rosa_fran_kategorin(
    kommun, vagledare, kategori_diarieford, forvaltning_a
):
    """The kategori supplies förvaltning and ROSA-nivå unless the caller gives them."""
    standard = ArendeFactory(kommun=kommun, av=vagledare, kategori=kategori_diarieford)
    egna = ArendeFactory(
        kommun=kommun,
        av=vagledare,
        kategori=kategori_diarieford,
        forvaltning=forvaltning_a,
        rosa=3,
    )

    assert (standard.forvaltning, standard.rosa) == (kategori_diarieford.forvaltning, 6)
    assert (egna.forvaltning, egna.rosa) == (forvaltning_a, 3)


def test_skapa_lagger_arendet_i_kategorins_kommun(vagledare, kommun):
    """Without an explicit kommun, the ärende belongs to the kommun of its kategori."""
    annan_kategori = KategoriFactory(forvaltning__kommun__namn="Grannkommun")

    arende = ArendeFactory(av=vagledare, kategori=annan_kategori)

    assert arende.kommun.namn == "Grannkommun"


@pytest.mark.parametrize(
    ("falt", "kod"),
    [
        ({"rubrik": "   "}, "rubrik_saknas"),
        ({"kanal": "brevduva"}, "okand_kanal"),
        ({"rosa": 9}, "ogiltig_rosa"),
    ],
)
def test_skapa_avvisar_ogiltiga_uppgifter(kommun, vagledare, falt, kod):
    """A missing rubrik, an unknown kanal or ROSA outside 1–8 opens nothing."""
    with pytest.raises(OgiltigUppgift) as fel:
        ArendeFactory(kommun=kommun, av=vagledare, **falt)

    assert fel.value.code == kod
    assert not Arende.objects.exists()
    assert not Handelse.objects.exists()


def test_skapa_med_sekretess_namnger_den_som_skapar(kommun, vagledare):
    """A sekretessmarkerat ärende names its creator, so he can still see it."""
    arende = ArendeFactory(kommun=kommun, av=vagledare, sekretess=True)

    assert list(arende.sekretess_behoriga.all()) == [vagledare]


def test_nummer_ateranvands_aldrig_efter_radering(kommun, vagledare):
    """A deleted ärende's number is never handed out again."""
    ArendeFactory(kommun=kommun, av=vagledare)
    sista = ArendeFactory(kommun=kommun, av=vagledare)
    raderat_nummer = sista.nummer

    # when: the newest ärende is deleted (gallring cascades to its timeline)
    sista.delete()
    nytt = ArendeFactory(kommun=kommun, av=vagledare)

    # then
    assert nytt.nummer != raderat_nummer
    assert nytt.nummer > raderat_nummer


# ---------------------------------------------------------------------------------------
# Tilldela


def test_tilldela_ny_blir_pagaende(arende, vagledare, teamledare):
    """Taking a new ärende makes it pågående and records who gave it to whom."""
    # when
    resultat = services.arende_tilldela(arende=arende, av=teamledare, till=vagledare, version=1)

    # then
    arende = farskt(arende)
    assert resultat.pk == arende.pk
    assert (arende.tilldelad, arende.status, arende.version) == (vagledare, Status.PAGAENDE, 2)
    [handelse] = handelser(arende, Handelse.Typ.TILLDELAT)
    assert handelse.aktor == teamledare
    assert handelse.data == {"till": "vagledare", "till_namn": "Anna Andersson", "fran": None}


def test_tilldela_upptaget_arende_avvisas_med_innehavarens_namn(tilldelat, vagledare2):
    """An ärende someone else holds is refused, naming the holder; nothing changes."""
    with pytest.raises(ArendeRedanTilldelat) as fel:
        services.arende_tilldela(arende=tilldelat, av=vagledare2, till=vagledare2)

    assert fel.value.code == "arende_redan_tilldelat"
    assert "Anna Andersson" in fel.value.message
    assert fel.value.extra == {"tilldelad": "vagledare"}
    arende = farskt(tilldelat)
    assert arende.tilldelad.username == "vagledare"
    assert arende.version == 2
    assert len(handelser(arende, Handelse.Typ.TILLDELAT)) == 1


def test_tilldela_ta_over(tilldelat, vagledare2, teamledare):
    """With ta_over the ärende changes hands and the event says from whom."""
    services.arende_tilldela(arende=tilldelat, av=teamledare, till=vagledare2, ta_over=True)

    arende = farskt(tilldelat)
    assert arende.tilldelad == vagledare2
    senaste = handelser(arende, Handelse.Typ.TILLDELAT)[-1]
    assert senaste.aktor == teamledare
    assert senaste.data == {"till": "vagledare2", "till_namn": "Bertil Berg", "fran": "vagledare"}


def test_tilldela_samma_person_igen_andrar_inget(tilldelat, vagledare):
    """Taking an ärende one already holds is a no-op: no new version, no new event."""
    services.arende_tilldela(arende=tilldelat, av=vagledare, till=vagledare)

    assert farskt(tilldelat).version == 2
    assert len(handelser(tilldelat, Handelse.Typ.TILLDELAT)) == 1


# ---------------------------------------------------------------------------------------
# Klassificera


def test_klassificera_ny_kategori_flyttar_svar_senast(
    kommun, vagledare, kategori_snabb, kategori_diarieford
):
    """Changing the kategori moves the due time to the new kategori's SLA."""
    # given
    arende = ArendeFactory(kommun=kommun, av=vagledare, kategori=kategori_snabb, inkom=TISDAG)
    assert farskt(arende).svar_senast == datetime(2026, 11, 25, 10, 0, tzinfo=TIDSZON)

    # when
    services.arende_klassificera(
        arende=arende, av=vagledare, kategori=kategori_diarieford, rosa=5, version=1
    )

    # then
    arende = farskt(arende)
    assert arende.svar_senast == datetime(2026, 12, 1, 10, 0, tzinfo=TIDSZON)
    assert (arende.kategori, arende.rosa, arende.version) == (kategori_diarieford, 5, 2)
    [handelse] = handelser(arende, Handelse.Typ.KLASSIFICERAT)
    assert handelse.aktor == vagledare
    assert handelse.data == {
        "andringar": {
            "rosa": [2, 5],
            "kategori": ["Felanmälan gata", "Ansökan om försörjningsstöd"],
        }
    }


def test_klassificera_satter_forvaltning_fran_kategori_om_den_saknas(
    arende, vagledare, kategori_diarieford
):
    """An unclassified ärende gets the kategori's förvaltning along with it."""
    services.arende_klassificera(arende=arende, av=vagledare, kategori=kategori_diarieford)

    arende = farskt(arende)
    assert arende.forvaltning == kategori_diarieford.forvaltning
    [handelse] = handelser(arende, Handelse.Typ.KLASSIFICERAT)
    assert handelse.data["andringar"]["forvaltning"] == [None, "Socialförvaltningen"]


def test_klassificera_utan_andring_skriver_inget(kommun, vagledare, kategori_snabb):
    """Classifying with what is already set writes no event and keeps the version."""
    arende = ArendeFactory(kommun=kommun, av=vagledare, kategori=kategori_snabb)

    services.arende_klassificera(
        arende=arende,
        av=vagledare,
        kategori=kategori_snabb,
        rosa=kategori_snabb.standard_rosa,
        forvaltning=kategori_snabb.forvaltning,
    )

    assert farskt(arende).version == 1
    assert handelser(arende, Handelse.Typ.KLASSIFICERAT) == []


# ---------------------------------------------------------------------------------------
# Svara


def test_svara_skickar_meddelande_och_markerar_besvarad(kommun, vagledare):
    """An answer is an outbound message; the ärende becomes besvarad with forsta_svar set."""
    # given
    kontakt = KontaktFactory(namn="Karin Kvist")
    arende = ArendeFactory(kommun=kommun, av=vagledare, kontakt=kontakt)

    # when
    meddelande = services.arende_svara(
        arende=arende, av=vagledare, text="  Sophämtningen sker på tisdagar.  "
    )

    # then
    assert meddelande.riktning == Meddelande.Riktning.UT
    assert meddelande.text == "Sophämtningen sker på tisdagar."
    assert (meddelande.avsandare, meddelande.mottagare) == ("Anna Andersson", "Karin Kvist")
    assert meddelande.kanal == arende.kanal
    arende = farskt(arende)
    assert arende.status == Status.BESVARAD
    assert arende.forsta_svar == meddelande.skapad == arende.besvarad
    [handelse] = handelser(arende, Handelse.Typ.SVAR)
    assert handelse.aktor == vagledare
    assert handelse.data == {
        "meddelande_id": meddelande.pk,
        "text": "Sophämtningen sker på tisdagar.",
    }


def test_svara_igen_behaller_forsta_svar(arende, vagledare):
    """forsta_svar is set once; a later answer only moves besvarad."""
    forsta = services.arende_svara(arende=arende, av=vagledare, text="Första svaret.")
    andra = services.arende_svara(arende=arende, av=vagledare, text="Ett tillägg.")

    arende = farskt(arende)
    assert arende.forsta_svar == forsta.skapad
    assert arende.besvarad == andra.skapad
    assert len(handelser(arende, Handelse.Typ.SVAR)) == 2


def test_svara_tomt_avvisas(arende, vagledare):
    """An empty answer is refused and nothing is sent."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_svara(arende=arende, av=vagledare, text="   ")

    assert fel.value.code == "svar_tomt"
    assert not Meddelande.objects.exists()
    assert farskt(arende).status == Status.NY


# ---------------------------------------------------------------------------------------
# Anteckna


def test_anteckna_skriver_handelse_utan_ny_version(tilldelat, vagledare):
    """A note is a timeline entry only: status and version stay as they were."""
    anteckning = services.arende_anteckna(
        arende=tilldelat, av=vagledare, text="Ringde, inget svar."
    )

    arende = farskt(tilldelat)
    assert (arende.status, arende.version) == (Status.PAGAENDE, 2)
    assert anteckning.typ == Handelse.Typ.ANTECKNING
    assert anteckning.aktor == vagledare
    assert anteckning.data == {"text": "Ringde, inget svar."}
    assert handelser(arende)[-1] == anteckning


def test_anteckna_tom_avvisas(arende, vagledare):
    """An empty note is refused."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_anteckna(arende=arende, av=vagledare, text="")

    assert fel.value.code == "anteckning_tom"
    assert handelser(arende, Handelse.Typ.ANTECKNING) == []


# ---------------------------------------------------------------------------------------
# Eskalera


def test_eskalera_till_forvaltning_och_handlaggare(
    tilldelat, vagledare, forvaltning_b, handlaggare_b
):
    """Escalating hands the ärende to the förvaltning and the named handläggare."""
    # when
    services.arende_eskalera(
        arende=tilldelat,
        av=vagledare,
        forvaltning=forvaltning_b,
        handlaggare=handlaggare_b,
        orsak="  Kräver biståndsbedömning.  ",
        rosa=6,
        version=2,
    )

    # then
    arende = farskt(tilldelat)
    assert arende.status == Status.ESKALERAD
    assert arende.eskalerad is not None
    assert (arende.forvaltning, arende.tilldelad, arende.rosa) == (forvaltning_b, handlaggare_b, 6)
    assert arende.version == 3
    [handelse] = handelser(arende, Handelse.Typ.ESKALERAT)
    assert handelse.aktor == vagledare
    assert handelse.data == {
        "forvaltning": "Socialförvaltningen",
        "forvaltning_id": forvaltning_b.pk,
        "handlaggare": "handlaggare_b",
        "svarsgrupp": None,
        "orsak": "Kräver biståndsbedömning.",
        "rosa": 6,
        "diariefor": False,
    }


def test_eskalera_till_handlaggare_pa_fel_forvaltning_avvisas(
    arende, vagledare, forvaltning_b, handlaggare_a
):
    """A handläggare who does not work at the förvaltning cannot receive its ärende."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_eskalera(
            arende=arende,
            av=vagledare,
            forvaltning=forvaltning_b,
            handlaggare=handlaggare_a,
            orsak="Fel mottagare.",
        )

    assert fel.value.code == "handlaggare_fel_forvaltning"
    assert "Cecilia Carlsson" in fel.value.message
    arende = farskt(arende)
    assert (arende.status, arende.forvaltning, arende.version) == (Status.NY, None, 1)
    assert handelser(arende, Handelse.Typ.ESKALERAT) == []


def test_eskalera_till_kollega_utan_handlaggarroll_avvisas(
    arende, vagledare, kommun, forvaltning_b
):
    """Only a handläggare can be named as the receiver, even if he sits at the förvaltning."""
    kollega = anvandare_med_roll(Roll.KOMMUNVAGLEDARE, kommun=kommun, forvaltning=forvaltning_b)
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_eskalera(
            arende=arende,
            av=vagledare,
            forvaltning=forvaltning_b,
            handlaggare=kollega,
            orsak="Fel mottagare.",
        )
    assert fel.value.code == "handlaggare_fel_forvaltning"
    assert farskt(arende).status == Status.NY


def test_eskalera_till_annan_kommuns_forvaltning_avvisas(arende, vagledare):
    """A shared center cannot hand one kommun's ärende to another kommun's förvaltning."""
    annan = ForvaltningFactory(kommun=KommunFactory(namn="Grannkommunen"), namn="Bygg")
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_eskalera(arende=arende, av=vagledare, forvaltning=annan, orsak="Test.")
    assert fel.value.code == "fel_kommun"
    assert handelser(farskt(arende), Handelse.Typ.ESKALERAT) == []


def test_eskalera_utan_orsak_avvisas(arende, vagledare, forvaltning_b):
    """An escalation must say why, so the handläggare knows what was already done."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_eskalera(arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak=" ")

    assert fel.value.code == "orsak_saknas"
    assert farskt(arende).status == Status.NY


@pytest.mark.parametrize(
    ("kategori", "diariefor", "forvantat"),
    [
        ("kategori_diarieford", None, True),
        ("kategori_snabb", None, False),
        ("kategori_diarieford", False, False),
        ("kategori_snabb", True, True),
    ],
)
def test_eskalera_diariefor_foljer_kategorin_som_standard(
    request, kommun, vagledare, forvaltning_b, kategori, diariefor, forvantat
):
    """Whether to diarieföra defaults to the kategori's setting; the caller may override it."""
    arende = ArendeFactory(kommun=kommun, av=vagledare, kategori=request.getfixturevalue(kategori))

    services.arende_eskalera(
        arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak="Beslut krävs.",
        diariefor=diariefor,
    )  # fmt: skip

    [handelse] = handelser(arende, Handelse.Typ.ESKALERAT)
    assert handelse.data["diariefor"] is forvantat


# ---------------------------------------------------------------------------------------
# Vänta, avsluta, återöppna


def test_vanta_pa_kontakt(tilldelat, vagledare):
    """Waiting for the citizen is its own status, with the reason on the timeline."""
    services.arende_vanta(arende=tilldelat, av=vagledare, orsak=" Saknar ritning. ", version=2)

    arende = farskt(tilldelat)
    assert (arende.status, arende.version) == (Status.VANTAR_PA_KONTAKT, 3)
    [handelse] = handelser(arende, Handelse.Typ.VANTAR)
    assert (handelse.aktor, handelse.data) == (vagledare, {"orsak": "Saknar ritning."})


def test_avsluta_med_utfall(tilldelat, vagledare):
    """Closing records the utfall that statistics count on."""
    services.arende_avsluta(
        arende=tilldelat,
        av=vagledare,
        utfall=Utfall.LOST_AV_KONTAKTCENTER,
        kommentar="Klart på telefon.",
    )

    arende = farskt(tilldelat)
    assert (arende.status, arende.utfall) == (Status.AVSLUTAD, Utfall.LOST_AV_KONTAKTCENTER)
    assert arende.avslutad is not None
    [handelse] = handelser(arende, Handelse.Typ.AVSLUTAT)
    assert handelse.aktor == vagledare
    assert handelse.data == {"utfall": "lost_av_kontaktcenter", "kommentar": "Klart på telefon."}


@pytest.mark.parametrize("utfall", ["", "okant", Utfall.SAMMANSLAGET])
def test_avsluta_kraver_giltigt_utfall(tilldelat, vagledare, utfall):
    """Closing needs an utfall, and "sammanslaget" is only ever set by a merge."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_avsluta(arende=tilldelat, av=vagledare, utfall=utfall)

    assert fel.value.code == "utfall_saknas"
    assert farskt(tilldelat).status == Status.PAGAENDE
    assert handelser(tilldelat, Handelse.Typ.AVSLUTAT) == []


@pytest.mark.parametrize("slutstatus", [Status.BESVARAD, Status.AVSLUTAD])
def test_ateroppna_besvarat_eller_avslutat(tilldelat, vagledare, slutstatus):
    """An answered or closed ärende reopens as pågående, its utfall cleared, a new due time."""
    # given
    if slutstatus == Status.BESVARAD:
        services.arende_svara(arende=tilldelat, av=vagledare, text="Svar.")
    else:
        services.arende_avsluta(arende=tilldelat, av=vagledare, utfall=Utfall.HANVISAT)

    # when
    fore = timezone.now()
    services.arende_ateroppna(arende=tilldelat, av=vagledare, orsak="Kontakten hörde av sig.")
    efter = timezone.now()

    # then
    arende = farskt(tilldelat)
    assert arende.status == Status.PAGAENDE
    assert (arende.utfall, arende.avslutad, arende.besvarad) == ("", None, None)
    assert (
        kalender.lagg_till_arbetsdagar(fore, 1)
        <= arende.svar_senast
        <= kalender.lagg_till_arbetsdagar(efter, 1)
    )
    [handelse] = handelser(arende, Handelse.Typ.ATEROPPNAT)
    assert (handelse.aktor, handelse.data) == (vagledare, {"orsak": "Kontakten hörde av sig."})


def test_nytt_meddelande_oppnar_avslutat_arende(kommun, vagledare):
    """A message from the citizen on a closed ärende reopens it."""
    # given
    kontakt = KontaktFactory(epost="karin@example.se")
    arende = ArendeFactory(kommun=kommun, av=vagledare, kontakt=kontakt)
    services.arende_avsluta(arende=arende, av=vagledare, utfall=Utfall.LOST_AV_KONTAKTCENTER)

    # when
    meddelande = services.arende_ta_emot_meddelande(
        arende=arende, kanal=Kanal.EPOST, text="Det är fortfarande trasigt.",
        avsandare="karin@example.se", amne="Sv: Trasig gatlykta",
    )  # fmt: skip

    # then
    assert (meddelande.arende_id, meddelande.riktning) == (arende.pk, Meddelande.Riktning.IN)
    arende = farskt(arende)
    assert (arende.status, arende.utfall, arende.avslutad) == (Status.PAGAENDE, "", None)
    in_, oppnat = handelser(arende)[-2:]
    assert (in_.typ, in_.aktor, in_.data) == (
        Handelse.Typ.MEDDELANDE_IN,
        None,
        {"meddelande_id": meddelande.pk, "kanal": "epost"},
    )
    assert (oppnat.typ, oppnat.aktor) == (Handelse.Typ.ATEROPPNAT, None)


def test_nytt_meddelande_pa_oppet_arende_andrar_inte_status(tilldelat):
    """A message on an ärende that is being worked on only lands on its timeline."""
    services.arende_ta_emot_meddelande(arende=tilldelat, kanal=Kanal.EPOST, text="Tillägg.")

    arende = farskt(tilldelat)
    assert arende.status == Status.PAGAENDE
    assert [h.typ for h in handelser(arende)][-1] == Handelse.Typ.MEDDELANDE_IN
    assert handelser(arende, Handelse.Typ.ATEROPPNAT) == []


# ---------------------------------------------------------------------------------------
# Slå ihop


def test_sla_ihop_stanger_kallan_och_behaller_bada_tidslinjerna(kommun, vagledare):
    """The merged ärende closes and points to the survivor, whose timeline shows both."""
    # given
    kalla = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Samma fråga, andra gången")
    mal = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Samma fråga")
    services.arende_anteckna(arende=kalla, av=vagledare, text="Anteckning på källan.")

    # when
    resultat = services.arende_sla_ihop(kalla=kalla, mal=mal, av=vagledare, version=1)

    # then
    assert resultat.pk == mal.pk
    kalla = farskt(kalla)
    assert (kalla.status, kalla.utfall) == (Status.AVSLUTAD, Utfall.SAMMANSLAGET)
    assert kalla.sammanslagen_med_id == mal.pk
    assert kalla.avslutad is not None
    [pa_kalla] = handelser(kalla, Handelse.Typ.SAMMANSLAGET)
    [pa_mal] = handelser(mal, Handelse.Typ.SAMMANSLAGET)
    assert (pa_kalla.aktor, pa_kalla.data) == (vagledare, {"med": mal.nummer, "roll": "kalla"})
    assert (pa_mal.aktor, pa_mal.data) == (vagledare, {"med": kalla.nummer, "roll": "mal"})
    # both timelines are kept, and the survivor's shows the merged one's history too
    assert len(handelser(kalla)) == 3
    tidslinje = selectors.arende_tidslinje(arende=mal)
    assert {h.pk for h in handelser(kalla)} | {h.pk for h in handelser(mal)} == {
        h.pk for h in tidslinje
    }
    assert [h.typ for h in tidslinje if h.arende_id == kalla.pk] == [
        Handelse.Typ.SKAPAT,
        Handelse.Typ.ANTECKNING,
        Handelse.Typ.SAMMANSLAGET,
    ]


def test_sla_ihop_i_kedja_behaller_hela_historiken(kommun, vagledare):
    """A → B, then B → C: C's timeline still shows A's events."""
    a, b, c = (ArendeFactory(kommun=kommun, av=vagledare) for _ in range(3))
    services.arende_sla_ihop(kalla=a, mal=b, av=vagledare)
    services.arende_sla_ihop(kalla=b, mal=c, av=vagledare)

    arenden_i_tidslinjen = {h.arende_id for h in selectors.arende_tidslinje(arende=c)}

    assert arenden_i_tidslinjen == {a.pk, b.pk, c.pk}


def test_sla_ihop_for_over_sekretess(kommun, vagledare, vagledare2, teamledare):
    """Merging a sekretessmarkerat ärende makes the survivor secret for the same people."""
    # given
    kalla = ArendeFactory(kommun=kommun, av=teamledare)
    services.arende_satt_sekretess(
        arende=kalla, av=teamledare, sekretess=True, behoriga=[vagledare]
    )
    mal = ArendeFactory(kommun=kommun, av=vagledare2)
    services.arende_tilldela(arende=mal, av=vagledare2, till=vagledare2)

    # when
    services.arende_sla_ihop(kalla=kalla, mal=mal, av=vagledare)

    # then: the survivor's own assignee keeps it too
    mal = farskt(mal)
    assert mal.sekretess is True
    assert set(mal.sekretess_behoriga.all()) == {vagledare, teamledare, vagledare2}


def test_sammanslaget_arende_kan_bara_antecknas(kommun, vagledare):
    """Work on a merged ärende goes to the survivor; only notes are still allowed."""
    kalla = ArendeFactory(kommun=kommun, av=vagledare)
    mal = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_sla_ihop(kalla=kalla, mal=mal, av=vagledare)

    with pytest.raises(OgiltigStatus) as fel:
        services.arende_ateroppna(arende=kalla, av=vagledare)

    assert mal.nummer in fel.value.message
    services.arende_anteckna(arende=kalla, av=vagledare, text="Notering i efterhand.")
    assert handelser(kalla)[-1].typ == Handelse.Typ.ANTECKNING


def test_nytt_meddelande_pa_sammanslaget_arende_hamnar_pa_malet(kommun, vagledare):
    """A citizen replying on a merged ärende reaches the survivor; the merged one stays closed."""
    # given
    kalla = ArendeFactory(kommun=kommun, av=vagledare)
    mal = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_sla_ihop(kalla=kalla, mal=mal, av=vagledare)
    services.arende_svara(arende=mal, av=vagledare, text="Svar på båda frågorna.")

    # when
    meddelande = services.arende_ta_emot_meddelande(
        arende=kalla, kanal=Kanal.EPOST, text="Tack, en sak till."
    )

    # then
    assert meddelande.arende_id == mal.pk
    kalla, mal = farskt(kalla), farskt(mal)
    assert (kalla.status, kalla.utfall) == (Status.AVSLUTAD, Utfall.SAMMANSLAGET)
    assert mal.status == Status.PAGAENDE
    assert handelser(mal)[-1].typ == Handelse.Typ.ATEROPPNAT


def test_sla_ihop_med_sig_sjalv_avvisas(arende, vagledare):
    """An ärende cannot be merged into itself."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.arende_sla_ihop(kalla=arende, mal=arende, av=vagledare)

    assert fel.value.code == "samma_arende"
    assert farskt(arende).status == Status.NY


# ---------------------------------------------------------------------------------------
# Sekretess


def test_satt_sekretess_namnger_markeraren_och_handlaggaren(tilldelat, teamledare, vagledare2):
    """Marking an ärende secret names the given people, the marker and the assignee."""
    services.arende_satt_sekretess(
        arende=tilldelat, av=teamledare, sekretess=True, behoriga=[vagledare2], version=2
    )

    arende = farskt(tilldelat)
    assert (arende.sekretess, arende.version) == (True, 3)
    assert {u.username for u in arende.sekretess_behoriga.all()} == {
        "teamledare",
        "vagledare",
        "vagledare2",
    }
    [handelse] = handelser(arende, Handelse.Typ.SEKRETESS)
    assert handelse.aktor == teamledare
    assert handelse.data == {
        "sekretess": True,
        "behoriga": ["teamledare", "vagledare", "vagledare2"],
    }


def test_ta_bort_sekretess_tommer_listan(tilldelat, teamledare):
    """Removing the mark forgets who was named."""
    services.arende_satt_sekretess(arende=tilldelat, av=teamledare, sekretess=True, behoriga=[])

    services.arende_satt_sekretess(arende=tilldelat, av=teamledare, sekretess=False, behoriga=[])

    arende = farskt(tilldelat)
    assert arende.sekretess is False
    assert not arende.sekretess_behoriga.exists()
    assert handelser(arende, Handelse.Typ.SEKRETESS)[-1].data == {
        "sekretess": False,
        "behoriga": [],
    }


# ---------------------------------------------------------------------------------------
# Optimistic locking and the lifecycle


INAKTUELLA_ANROP = {
    "tilldela": lambda a, u, f: services.arende_tilldela(arende=a, av=u, till=u, version=1),
    "klassificera": lambda a, u, f: services.arende_klassificera(arende=a, av=u, rosa=3, version=1),
    "svara": lambda a, u, f: services.arende_svara(arende=a, av=u, text="Svar.", version=1),
    "eskalera": lambda a, u, f: services.arende_eskalera(
        arende=a, av=u, forvaltning=f, orsak="Orsak.", version=1
    ),
    "vanta": lambda a, u, f: services.arende_vanta(arende=a, av=u, version=1),
    "avsluta": lambda a, u, f: services.arende_avsluta(
        arende=a, av=u, utfall=Utfall.HANVISAT, version=1
    ),
    "sekretess": lambda a, u, f: services.arende_satt_sekretess(
        arende=a, av=u, sekretess=True, behoriga=[], version=1
    ),
}


@pytest.mark.parametrize("anrop", INAKTUELLA_ANROP.values(), ids=INAKTUELLA_ANROP.keys())
def test_inaktuell_version_avvisas_och_inget_skrivs(tilldelat, vagledare2, forvaltning_a, anrop):
    """A change based on a version someone else has since changed is refused untouched."""
    # given: version 1 was read, then vagledare took the ärende (now version 2)
    fore = list(Handelse.objects.values_list("id", flat=True))

    # when
    with pytest.raises(ArendeInaktuellt) as fel:
        anrop(tilldelat, vagledare2, forvaltning_a)

    # then
    assert fel.value.code == "arende_inaktuellt"
    assert fel.value.extra == {"din_version": 1, "aktuell_version": 2}
    arende = farskt(tilldelat)
    assert (arende.version, arende.status, arende.tilldelad.username) == (
        2,
        Status.PAGAENDE,
        "vagledare",
    )
    assert list(Handelse.objects.values_list("id", flat=True)) == fore
    assert not Meddelande.objects.exists()


def _svarat(arende, anv):
    services.arende_svara(arende=arende, av=anv, text="Svar.")


def _avslutat(arende, anv):
    services.arende_avsluta(arende=arende, av=anv, utfall=Utfall.HANVISAT)


def _eskalerat(arende, anv):
    forvaltning = arende.kommun.forvaltningar.first()
    services.arende_eskalera(arende=arende, av=anv, forvaltning=forvaltning, orsak="Orsak.")


def _vantar(arende, anv):
    services.arende_vanta(arende=arende, av=anv)


@pytest.mark.parametrize(
    ("forbered", "anrop"),
    [
        (None, lambda a, u: services.arende_ateroppna(arende=a, av=u)),
        (_vantar, lambda a, u: services.arende_vanta(arende=a, av=u)),
        (_eskalerat, lambda a, u: services.arende_eskalera(
            arende=a, av=u, forvaltning=a.forvaltning, orsak="Igen.")),
        (_avslutat, lambda a, u: services.arende_avsluta(arende=a, av=u, utfall=Utfall.HANVISAT)),
        (_avslutat, lambda a, u: services.arende_svara(arende=a, av=u, text="Svar.")),
        (_avslutat, lambda a, u: services.arende_tilldela(arende=a, av=u, till=u)),
        (_avslutat, lambda a, u: services.arende_klassificera(arende=a, av=u, rosa=4)),
        (_svarat, lambda a, u: services.arende_vanta(arende=a, av=u)),
    ],
    ids=[
        "ateroppna-ny", "vanta-vantar", "eskalera-eskalerad", "avsluta-avslutad",
        "svara-avslutad", "tilldela-avslutad", "klassificera-avslutad", "vanta-besvarad",
    ],
)  # fmt: skip
def test_otillaten_statusovergang_avvisas(arende, vagledare, forvaltning_a, forbered, anrop):
    """An action that does not fit the status is refused with ogiltig_status."""
    # given
    if forbered:
        forbered(arende, vagledare)
    fore = farskt(arende)
    antal_handelser = Handelse.objects.count()

    # when
    with pytest.raises(OgiltigStatus) as fel:
        anrop(fore, vagledare)

    # then
    assert fel.value.code == "ogiltig_status"
    efter = farskt(arende)
    assert (efter.status, efter.version) == (fore.status, fore.version)
    assert Handelse.objects.count() == antal_handelser


# ---------------------------------------------------------------------------------------
# The timeline is append-only


def test_tidslinjen_gar_inte_att_andra(arende):
    """The database refuses an UPDATE of a timeline row, whoever tries it."""
    skapat = handelser(arende)[0]

    with pytest.raises(DatabaseError, match="kan bara utökas"), transaction.atomic():
        Handelse.objects.filter(pk=skapat.pk).update(data={})

    skapat.refresh_from_db()
    assert skapat.data["kanal"] == "epost"


# ---------------------------------------------------------------------------------------
# Kontakt


@pytest.mark.parametrize("personnummer", ["811218-9876", "19811218-9876", "8112189876"])
def test_personnummer_lagras_med_tolv_siffror_och_visas_maskerat(personnummer):
    """A personnummer in any common form is stored as 12 digits and shown masked."""
    kontakt = services.kontakt_hitta_eller_skapa(namn="Karin Kvist", personnummer=personnummer)

    kontakt.refresh_from_db()
    assert kontakt.personnummer == "198112189876"
    assert kontakt.personnummer_maskerat == "19811218-****"


@pytest.mark.parametrize("personnummer", ["811218-9875", "19811318-9876", "12345", "abcdefghij"])
def test_ogiltigt_personnummer_avvisas(personnummer):
    """A personnummer with a wrong check digit or date is refused; no kontakt is created."""
    with pytest.raises(OgiltigUppgift) as fel:
        services.kontakt_hitta_eller_skapa(namn="Karin Kvist", personnummer=personnummer)

    assert fel.value.code == "ogiltigt_personnummer"
    assert personnummer in fel.value.message
    assert not Kontakt.objects.exists()


@pytest.mark.parametrize(
    "uppgift",
    [
        {"personnummer": "811218-9876"},
        {"epost": "  Karin.Kvist@Example.SE "},
        {"telefon": "070-1234567"},
        {"telefon": "+46 70 123 45 67"},
    ],
    ids=["personnummer", "epost", "telefon", "telefon-internationellt"],
)
def test_kand_kontakt_kanns_igen(uppgift):
    """A known personnummer, e-post or telefon finds the same kontakt and fills in gaps."""
    # given
    kand = Kontakt.objects.create(
        namn="Karin Kvist",
        epost="karin.kvist@example.se",
        telefon="0701234567",
        personnummer="198112189876",
    )

    # when
    kontakt = services.kontakt_hitta_eller_skapa(**uppgift)

    # then
    assert kontakt.pk == kand.pk
    assert Kontakt.objects.count() == 1


def test_kand_kontakt_kompletteras():
    """What the known kontakt lacks is filled in; what it has is kept."""
    kand = Kontakt.objects.create(namn="Karin Kvist", epost="karin@example.se")

    kontakt = services.kontakt_hitta_eller_skapa(
        namn="K. Kvist", epost="karin@example.se", telefon="070-7654321"
    )

    kontakt.refresh_from_db()
    assert kontakt.pk == kand.pk
    assert (kontakt.namn, kontakt.telefon) == ("Karin Kvist", "0707654321")


def test_anonym_kontakt_ger_ingen_kontakt():
    """Nothing that identifies anyone: the ärende simply has no kontakt."""
    assert services.kontakt_hitta_eller_skapa(namn=" ", epost="", telefon="") is None
    assert not Kontakt.objects.exists()
