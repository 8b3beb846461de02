"""Querysets compiled once per shape (kontaktcenter/postgresql/kompilerade.py): the same
rows, relations and errors as Django's own evaluation, with the SQL compiled once."""

import pytest
from django.db.backends.postgresql.compiler import SQLCompiler
from django.db.models import Q
from django.db.models.expressions import RawSQL

from arenden.models import Arende
from kontaktcenter.postgresql import kompilerade
from tests.factories import ArendeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tva(kategori_snabb, kategori_diarieford):
    return (
        ArendeFactory(kategori=kategori_snabb, forvaltning=kategori_snabb.forvaltning),
        ArendeFactory(kategori=kategori_diarieford, forvaltning=kategori_diarieford.forvaltning),
    )


@pytest.fixture
def kompileringar(monkeypatch):
    """Count the times a SELECT is compiled."""
    antal = []
    original = SQLCompiler.as_sql

    def raknande(self, *args, **kwargs):
        antal.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", raknande)
    return antal


def _med_relationer(nummer):
    return Arende.objects.filter(nummer=nummer).select_related("kategori__forvaltning")


def test_samma_form_kompileras_en_gang_och_ger_ratt_rader(tva, kompileringar):
    forsta, andra = tva
    nyckel = ("test", "med_relationer")

    (a,) = kompilerade.lista(nyckel, _med_relationer, forsta.nummer)
    fore = len(kompileringar)
    (b,) = kompilerade.lista(nyckel, _med_relationer, andra.nummer)
    saknas = kompilerade.lista(nyckel, _med_relationer, "KC-1999-000001")

    assert (a.pk, b.pk, saknas) == (forsta.pk, andra.pk, [])
    assert len(kompileringar) == fore  # nothing compiled for the second and third value


def test_relationerna_fylls_som_av_django(tva, django_assert_num_queries):
    forsta, andra = tva
    kompilerade.lista(("test", "rel"), _med_relationer, forsta.nummer)

    with django_assert_num_queries(1):
        (b,) = kompilerade.lista(("test", "rel"), _med_relationer, andra.nummer)
        assert b.kategori == andra.kategori
        assert b.kategori.forvaltning.namn == andra.forvaltning.namn


def test_heltal_som_varde(tva):
    forsta, andra = tva

    def bygg(pk):
        return Arende.objects.filter(Q(pk=pk) | Q(sammanslagen_med_id=pk)).order_by("pk")

    assert [a.pk for a in kompilerade.lista(("test", "pk"), bygg, forsta.pk)] == [forsta.pk]
    assert [a.pk for a in kompilerade.lista(("test", "pk"), bygg, andra.pk)] == [andra.pk]


def test_ett_varde_som_inte_blir_parameter_kompileras_varje_gang(tva, kompileringar):
    """A builder that leaves the value out of the SQL gives its own rows every time."""
    forsta, andra = tva

    def bygg(nummer):
        return Arende.objects.filter(pk=forsta.pk if nummer == forsta.nummer else andra.pk)

    assert kompilerade.lista(("test", "utan"), bygg, forsta.nummer)[0].pk == forsta.pk
    fore = len(kompileringar)
    assert kompilerade.lista(("test", "utan"), bygg, andra.nummer)[0].pk == andra.pk
    assert len(kompileringar) > fore


def test_ett_varde_som_ocksa_star_i_sql_texten_kompileras_varje_gang(tva):
    """A value written into the SQL text as well as passed as a parameter would be kept
    as the marker's: such a shape is never kept."""
    forsta, andra = tva

    def bygg(pk):
        return Arende.objects.filter(pk=pk).annotate(kopia=RawSQL(f"{int(pk)} + 0", []))

    assert kompilerade.lista(("test", "text"), bygg, forsta.pk)[0].kopia == forsta.pk
    assert kompilerade.lista(("test", "text"), bygg, andra.pk)[0].kopia == andra.pk


def test_en_tom_fraga_ger_en_tom_lista(tva):
    def bygg(nummer):
        return Arende.objects.none().filter(nummer=nummer)

    assert kompilerade.lista(("test", "tom"), bygg, tva[0].nummer) == []
    assert kompilerade.lista(("test", "tom"), bygg, tva[1].nummer) == []


def test_arendet_las_for_olika_anvandare_med_var_sin_sql(tva, vagledare, handlaggare_a):
    """Two users' visibility rules never share SQL: a handläggare sees no unescalated
    ärende even after a vägledare read it with the same relations."""
    from arenden import behorighet
    from arenden.errors import ArendeSaknas

    forsta, _ = tva
    assert behorighet.arende_get_for_user(user=vagledare, nummer=forsta.nummer).pk == forsta.pk
    with pytest.raises(ArendeSaknas):
        behorighet.arende_get_for_user(user=handlaggare_a, nummer=forsta.nummer)
