"""Prepared statements (kontaktcenter/postgresql/forberedda.py): a statement repeated on a
connection is planned once, and nothing a caller sees changes: rows, types, row counts,
transactions, the SQL in a debug log."""

import psycopg2
import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Value
from django.test.utils import CaptureQueriesContext

from arenden.models import Kategori
from kontaktcenter.postgresql.base import DatabaseWrapper
from kontaktcenter.postgresql.forberedda import MAX_FORBEREDDA

pytestmark = pytest.mark.django_db


def _forberedda(anslutning=connection) -> dict[str, str]:
    """The statements prepared on the connection, as the server lists them."""
    with anslutning.cursor() as c:
        c.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(c.fetchall())


@pytest.fixture(autouse=True)
def _inga_forberedda():
    """Each test starts with nothing prepared on the connection the tests share."""
    with connection.cursor() as c:
        c.execute("DEALLOCATE ALL")


def _troskel() -> int:
    return connection.settings_dict["PREPARE_THRESHOLD"]


@pytest.fixture
def egen():
    """A connection of its own in autocommit, outside the test's transaction."""
    wrapper = DatabaseWrapper({**connection.settings_dict})
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


@pytest.fixture
def provtabell(egen):
    with egen.cursor() as c:
        c.execute("DROP TABLE IF EXISTS kc_prov_forberedda")
        c.execute("CREATE TABLE kc_prov_forberedda (id int, namn text)")
        c.execute("INSERT INTO kc_prov_forberedda VALUES (1, 'ett'), (2, 'två'), (3, 'tre')")
    yield "kc_prov_forberedda"
    with egen.cursor() as c:
        c.execute("DROP TABLE IF EXISTS kc_prov_forberedda")


def test_en_upprepad_fraga_forbereds_och_ger_samma_rader(kategori_snabb, kategori_diarieford):
    forvaltning_id = kategori_snabb.forvaltning_id
    svar = [
        list(
            Kategori.objects.filter(forvaltning_id=forvaltning_id, aktiv=True).values_list(
                "namn", "sla_arbetsdagar"
            )
        )
        for _ in range(_troskel() + 2)
    ]

    assert svar[0] == [("Felanmälan gata", 1)]
    assert all(rader == svar[0] for rader in svar)
    satser = _forberedda().values()
    assert any('"arenden_kategori"."forvaltning_id" = $1' in s for s in satser)


def test_forberedd_fraga_tar_nya_parametrar(kategori_snabb, kategori_diarieford):
    for _ in range(_troskel() + 1):
        Kategori.objects.filter(pk=kategori_snabb.pk).values_list("namn").get()

    assert Kategori.objects.filter(pk=kategori_diarieford.pk).values_list("namn").get() == (
        "Ansökan om försörjningsstöd",
    )
    assert not Kategori.objects.filter(pk=-1).values_list("namn").exists()


def test_en_parameter_utan_sammanhang_behaller_sin_typ(kategori_snabb):
    """Value(7) in a select list could only be text to PostgreSQL: never prepared, so the
    number stays a number."""
    varden = [
        Kategori.objects.filter(pk=kategori_snabb.pk)
        .annotate(sju=Value(7))
        .values_list("sju", flat=True)
        .get()
        for _ in range(_troskel() + 2)
    ]

    assert varden == [7] * (_troskel() + 2)
    assert not any('AS "sju"' in s for s in _forberedda().values())


def test_en_fraga_servern_inte_kan_forbereda_skadar_inte_transaktionen(kategori_snabb):
    """`%s IS NULL` has no type to infer: PREPARE is refused under a savepoint, the test's
    transaction goes on."""
    with transaction.atomic():
        for _ in range(_troskel() + 2):
            with connection.cursor() as c:
                c.execute("SELECT %s IS NULL", [None])
                assert c.fetchone() == (True,)
        kategori_snabb.namn = "Ändrad i samma transaktion"
        kategori_snabb.save()

    kategori_snabb.refresh_from_db()
    assert kategori_snabb.namn == "Ändrad i samma transaktion"
    assert not any("$1 IS NULL" in s for s in _forberedda().values())


def test_uppdatering_raknar_rader_genom_forberedd_sats(kategori_snabb, kategori_diarieford):
    antal = [
        Kategori.objects.filter(pk__in=[kategori_snabb.pk, kategori_diarieford.pk]).update(
            beskrivning=f"varv {varv}"
        )
        for varv in range(_troskel() + 2)
    ]

    assert antal == [2] * (_troskel() + 2)
    assert any("AS UPDATE" in s for s in _forberedda().values())
    kategori_snabb.refresh_from_db()
    assert kategori_snabb.beskrivning == f"varv {_troskel() + 1}"


def test_loggen_visar_fragan_som_den_skrevs(kategori_snabb):
    for _ in range(_troskel()):
        Kategori.objects.filter(pk=kategori_snabb.pk).values_list("namn").get()

    with CaptureQueriesContext(connection) as fangade:
        Kategori.objects.filter(pk=kategori_snabb.pk).values_list("namn").get()

    (fraga,) = fangade.captured_queries
    assert fraga["sql"].startswith('SELECT "arenden_kategori"."namn"')
    assert f'"arenden_kategori"."id" = {kategori_snabb.pk}' in fraga["sql"]
    assert "EXECUTE" not in fraga["sql"]


def test_ddl_glommer_forberedda_satser(egen, provtabell):
    with egen.cursor() as c:
        for _ in range(_troskel()):
            c.execute(f"SELECT namn FROM {provtabell} WHERE id = %s", [1])
        assert _forberedda(egen)

        c.execute(f"ALTER TABLE {provtabell} ADD COLUMN extra int")

        assert _forberedda(egen) == {}
        c.execute(f"SELECT namn FROM {provtabell} WHERE id = %s", [2])
        assert c.fetchone() == ("två",)


def test_en_tabell_andrad_av_en_annan_anslutning_ger_inget_fel(egen, provtabell):
    """After another client changed a column's type the prepared plan is refused ("cached
    plan must not change result type"); outside a transaction the statement runs again."""
    with egen.cursor() as c:
        for _ in range(_troskel()):
            c.execute(f"SELECT id, namn FROM {provtabell} WHERE id = %s", [3])
        assert _forberedda(egen)

    installningar = connection.settings_dict
    annan = psycopg2.connect(dbname=installningar["NAME"], host=installningar["HOST"] or None)
    annan.autocommit = True
    with annan.cursor() as c:
        c.execute(f"ALTER TABLE {provtabell} ALTER COLUMN namn TYPE varchar(20)")
    annan.close()

    with egen.cursor() as c:
        c.execute(f"SELECT id, namn FROM {provtabell} WHERE id = %s", [3])
        assert c.fetchone() == (3, "tre")


def test_hogst_max_forberedda_per_anslutning(egen, provtabell):
    with egen.cursor() as c:
        for nummer in range(MAX_FORBEREDDA + 10):
            for _ in range(_troskel()):
                c.execute(f"SELECT namn, {nummer} FROM {provtabell} WHERE id = %s", [1])
            assert c.fetchone() == ("ett", nummer)

    satser = _forberedda(egen)
    assert len(satser) == MAX_FORBEREDDA
    # The least recently used went first.
    assert not any("namn, 0 FROM" in s for s in satser.values())


def test_troskel_noll_ger_vanlig_psycopg2():
    wrapper = DatabaseWrapper({**connection.settings_dict, "PREPARE_THRESHOLD": 0})
    wrapper.ensure_connection()
    try:
        with wrapper.cursor() as c:
            for _ in range(5):
                c.execute("SELECT name FROM auth_group WHERE name = %s", ["x"])
        assert type(wrapper.connection) is psycopg2.extensions.connection
        assert _forberedda(wrapper) == {}
    finally:
        wrapper.close()


def test_en_vanlig_sida_fungerar_med_forberedda_satser(client, vagledare):
    """The queue served repeatedly over one connection: every answer the same."""
    client.force_login(vagledare)
    svar = [client.get("/") for _ in range(_troskel() + 2)]

    assert {s.status_code for s in svar} == {200}
    assert len(_forberedda()) > 0
    assert Group.objects.filter(name="kommunvagledare").exists()


def test_en_egen_deallocate_i_en_transaktion_bryter_inget(kategori_snabb):
    with transaction.atomic():
        for _ in range(_troskel()):
            Kategori.objects.filter(pk=kategori_snabb.pk).values_list("namn").get()
        with connection.cursor() as c:
            c.execute("DEALLOCATE ALL")

        assert Kategori.objects.filter(pk=kategori_snabb.pk).values_list("namn").get() == (
            "Felanmälan gata",
        )
