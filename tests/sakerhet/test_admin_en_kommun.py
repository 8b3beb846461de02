"""The admin of a center that serves one kommun: a row of no kommun can only be that
kommun's, so its staff work with it (`arbetar_med_alla_kommuner`); the two-kommun world of
the other admin tests keeps such rows to staff with no Medarbetare row."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from kanaler.epost.models import Epostkonto
from kanaler.telefon.models import Samtal
from tests.sakerhet.adminsidor import formularets_data
from tests.sakerhet.conftest import epostkonto

pytestmark = pytest.mark.django_db


@pytest.fixture
def i_admin(client, teamledare):
    """The teamledare of the only kommun, made staff with every permission on the channels'
    models."""
    get_user_model().objects.filter(pk=teamledare.pk).update(is_staff=True)
    teamledare.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["telefon", "epost"])
    )
    client.force_login(teamledare)
    return client


def test_samtal_utan_arende_ar_den_enda_kommunens(i_admin):
    samtal = Samtal.objects.create(samtals_id="samtal-utan-arende", nummer="0709876543")

    lista = i_admin.get(reverse("admin:telefon_samtal_changelist"))
    sidan = i_admin.get(reverse("admin:telefon_samtal_change", args=[samtal.pk]))

    assert "samtal-utan-arende" in lista.content.decode()
    assert sidan.status_code == 200


def test_gemensam_brevlada_ar_den_enda_kommunens(i_admin):
    """A mailbox with no förvaltning reaches no other kommun: its staff keep it."""
    konto = epostkonto("gemensam", None)
    sidan = reverse("admin:epost_epostkonto_change", args=[konto.pk])

    svar = i_admin.post(sidan, formularets_data(i_admin.get(sidan).content.decode(), mapp="Ny"))

    assert svar.status_code == 302, svar.content[:500]
    assert Epostkonto.objects.get(pk=konto.pk).mapp == "Ny"
