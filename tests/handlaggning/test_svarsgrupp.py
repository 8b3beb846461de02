"""Escalating to a förvaltning's svarsgrupp: the team finds the ärende in its queue."""

from arenden.models import Handelse, Status, Svarsgrupp
from tests.factories import ArendeFactory


def svarsgrupp(forvaltning, *medlemmar, namn="Bygglov") -> Svarsgrupp:
    grupp = Svarsgrupp.objects.create(forvaltning=forvaltning, namn=namn)
    grupp.medlemmar.add(*medlemmar)
    return grupp


def test_eskalering_till_svarsgrupp_syns_i_gruppens_ko(
    api_client, vagledare, handlaggare_a, forvaltning_a
):
    """An ärende escalated to a svarsgrupp reaches its members' 'mig och mina grupper' queue."""
    # given
    grupp = svarsgrupp(forvaltning_a, handlaggare_a)
    arende = ArendeFactory(av=vagledare)
    annat = ArendeFactory(av=vagledare)
    api_client(vagledare).post(
        f"/api/v1/arenden/{annat.nummer}/eskalera/",
        {"forvaltning": forvaltning_a.pk, "orsak": "Till förvaltningens kö."},
        format="json",
    )

    # when
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/eskalera/",
        {"forvaltning": forvaltning_a.pk, "svarsgrupp": grupp.pk, "orsak": "Bygglovsfråga."},
        format="json",
    )

    # then
    assert svar.status_code == 200, svar.json()
    assert (svar.json()["status"], svar.json()["svarsgrupp"]) == (Status.ESKALERAD, "Bygglov")
    handelse = Handelse.objects.get(arende=arende, typ=Handelse.Typ.ESKALERAT)
    assert handelse.data["svarsgrupp"] == "Bygglov"
    ko = api_client(handlaggare_a).get("/api/v1/arenden/", {"tilldelad": "mina_grupper"})
    assert [r["nummer"] for r in ko.json()["results"]] == [arende.nummer]
    sida = api_client(handlaggare_a).get(f"/arenden/{arende.nummer}/")
    assert "Svarsgrupp" in sida.content.decode() and "Bygglov" in sida.content.decode()


def test_svarsgrupp_fran_annan_forvaltning_avvisas(
    api_client, vagledare, forvaltning_a, forvaltning_b
):
    """A svarsgrupp must belong to the förvaltning the ärende goes to; nothing changes else."""
    grupp = svarsgrupp(forvaltning_b, namn="Ekonomiskt bistånd")
    arende = ArendeFactory(av=vagledare)

    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/eskalera/",
        {"forvaltning": forvaltning_a.pk, "svarsgrupp": grupp.pk, "orsak": "Fel grupp."},
        format="json",
    )

    assert svar.status_code == 400
    assert svar.json()["code"] == "svarsgrupp_fel_forvaltning"
    assert "Ekonomiskt bistånd" in svar.json()["message"]
    arende.refresh_from_db()
    assert (arende.status, arende.svarsgrupp) == (Status.NY, None)


def test_eskaleringsformularet_erbjuder_svarsgrupper(client, vagledare, forvaltning_a):
    """The escalation form on the ärende page lists the active svarsgrupper."""
    svarsgrupp(forvaltning_a, namn="Miljö och hälsa")
    arende = ArendeFactory(av=vagledare)
    client.force_login(vagledare)

    html = client.get(f"/arenden/{arende.nummer}/").content.decode()

    assert 'name="svarsgrupp"' in html
    assert "Miljö och hälsa" in html
