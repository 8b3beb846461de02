"""Summary tables for the statistics: materialized views refreshed by Celery beat.

They hold counts per day (Stockholm time) so a one-year dashboard aggregates a few tens of
thousands of rows instead of half a million ärenden. The rules (what is solved, closed,
within one arbetsdag) mirror arenden/statistik/matt.py; changing one needs a new migration
that recreates the views. Ids and ROSA are coalesced to 0 (and an unanswered mail's time to
-1) so that each view has the unique index REFRESH … CONCURRENTLY needs.
"""

from django.db import migrations

TZ = "'Europe/Stockholm'"

DAG = f"""
CREATE MATERIALIZED VIEW arenden_statistik_dag AS
SELECT a.kommun_id,
       (a.inkom AT TIME ZONE {TZ})::date AS dag,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       coalesce(a.kategori_id, 0) AS kategori_id,
       coalesce(a.rosa, 0) AS rosa,
       count(*) AS antal,
       count(*) FILTER (WHERE a.utfall <> '' AND a.utfall NOT IN ('aterkallat', 'sammanslaget'))
           AS avslutade,
       count(*) FILTER (WHERE a.utfall IN ('lost_av_kontaktcenter', 'besvarat_med_kunskapsartikel')
                        AND a.eskalerad IS NULL) AS losta,
       count(*) FILTER (WHERE a.eskalerad IS NOT NULL) AS eskalerade,
       count(*) FILTER (WHERE a.svar_senast IS NOT NULL) AS med_svarstid,
       count(*) FILTER (WHERE a.forsta_svar IS NOT NULL AND a.forsta_svar <= a.svar_senast)
           AS inom_svarstid
FROM arenden_arende a
WHERE a.utfall <> 'sammanslaget'
GROUP BY 1, 2, 3, 4, 5, 6;
CREATE UNIQUE INDEX arenden_statistik_dag_nyckel
    ON arenden_statistik_dag (dag, kommun_id, kanal, forvaltning_id, kategori_id, rosa);
"""

TIMME = f"""
CREATE MATERIALIZED VIEW arenden_statistik_timme AS
SELECT a.kommun_id,
       (a.inkom AT TIME ZONE {TZ})::date AS dag,
       EXTRACT(HOUR FROM a.inkom AT TIME ZONE {TZ})::int AS timme,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       count(*) AS antal
FROM arenden_arende a
WHERE a.utfall <> 'sammanslaget'
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX arenden_statistik_timme_nyckel
    ON arenden_statistik_timme (dag, kommun_id, timme, kanal, forvaltning_id);
"""

MEDARBETARE = f"""
CREATE MATERIALIZED VIEW arenden_statistik_medarbetare AS
SELECT a.kommun_id,
       (a.inkom AT TIME ZONE {TZ})::date AS dag,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       a.tilldelad_id,
       count(*) AS antal,
       count(*) FILTER (WHERE a.utfall <> '' AND a.utfall NOT IN ('aterkallat', 'sammanslaget'))
           AS avslutade,
       count(*) FILTER (WHERE a.utfall IN ('lost_av_kontaktcenter', 'besvarat_med_kunskapsartikel')
                        AND a.eskalerad IS NULL) AS losta
FROM arenden_arende a
WHERE a.utfall <> 'sammanslaget' AND a.tilldelad_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX arenden_statistik_medarbetare_nyckel
    ON arenden_statistik_medarbetare (dag, kommun_id, kanal, forvaltning_id, tilldelad_id);
"""

# W(t): working seconds from the calendar table's start to t (see kalendertabell.py).
W_SVAR = (
    f"(ds.arbetsdagar_fore * 86400.0 + CASE WHEN ds.ar_arbetsdag THEN EXTRACT(EPOCH FROM "
    f"(a.forsta_svar AT TIME ZONE {TZ}) - ds.datum::timestamp) ELSE 0 END)"
)
W_INKOM = (
    f"(di.arbetsdagar_fore * 86400.0 + CASE WHEN di.ar_arbetsdag THEN EXTRACT(EPOCH FROM "
    f"(a.inkom AT TIME ZONE {TZ}) - di.datum::timestamp) ELSE 0 END)"
)

EPOST = f"""
CREATE MATERIALIZED VIEW arenden_statistik_epost AS
SELECT kommun_id, dag, forvaltning_id,
       coalesce(ceil(t / 60)::int, -1) AS minuter,
       count(*) AS antal,
       count(t) FILTER (WHERE t <= 86400) AS inom_en,
       count(t) FILTER (WHERE t <= 172800) AS inom_tva,
       sum(t) AS summa
FROM (
    SELECT a.kommun_id,
           (a.inkom AT TIME ZONE {TZ})::date AS dag,
           coalesce(a.forvaltning_id, 0) AS forvaltning_id,
           CASE WHEN a.forsta_svar IS NULL THEN NULL
                ELSE GREATEST(0, {W_SVAR} - {W_INKOM}) END AS t
    FROM arenden_arende a
    JOIN arenden_arbetsdag di ON di.datum = (a.inkom AT TIME ZONE {TZ})::date
    LEFT JOIN arenden_arbetsdag ds ON ds.datum = (a.forsta_svar AT TIME ZONE {TZ})::date
    WHERE a.kanal = 'epost' AND a.utfall <> 'sammanslaget'
) x
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX arenden_statistik_epost_nyckel
    ON arenden_statistik_epost (dag, kommun_id, forvaltning_id, minuter);
"""

VYER = ("dag", "timme", "medarbetare", "epost")


class Migration(migrations.Migration):
    dependencies = [
        ("arenden", "0005_handelse_diariefort"),
    ]

    operations = [
        migrations.RunSQL(sql, f"DROP MATERIALIZED VIEW arenden_statistik_{namn};")
        for namn, sql in zip(VYER, (DAG, TIMME, MEDARBETARE, EPOST), strict=True)
    ]
