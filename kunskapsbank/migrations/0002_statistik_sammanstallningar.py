"""The kunskapsbank statistics' summary views, per Stockholm day of the ärende's arrival.

`kunskapsbank_statistik_arende`: ärenden answered with at least one article (and of them at
first contact) per kommun, day, kanal and förvaltning; `kunskapsbank_statistik_artikel`:
ärenden per article on the same dimensions (an article answers an ärende once, so rows are
distinct ärenden). Merged ärenden are left out, as in the ärende views. Refreshed with them
by `arenden.statistik.berakna.sammanstallning_uppdatera` (Celery beat).
"""

from django.db import migrations

TZ = "'Europe/Stockholm'"

ARENDE = f"""
CREATE MATERIALIZED VIEW kunskapsbank_statistik_arende AS
WITH per AS (
    SELECT u.arende_id, bool_or(u.forsta_kontakt) AS forsta_kontakt
    FROM kunskapsbank_anvandning u
    GROUP BY u.arende_id
)
SELECT a.kommun_id,
       (a.inkom AT TIME ZONE {TZ})::date AS dag,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       count(*) AS arenden,
       count(*) FILTER (WHERE per.forsta_kontakt) AS forsta_kontakt
FROM per JOIN arenden_arende a ON a.id = per.arende_id
WHERE a.utfall <> 'sammanslaget'
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX kunskapsbank_statistik_arende_nyckel
    ON kunskapsbank_statistik_arende (dag, kommun_id, kanal, forvaltning_id);
"""

ARTIKEL = f"""
CREATE MATERIALIZED VIEW kunskapsbank_statistik_artikel AS
SELECT a.kommun_id,
       (a.inkom AT TIME ZONE {TZ})::date AS dag,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       u.artikel_id,
       count(*) AS antal
FROM kunskapsbank_anvandning u JOIN arenden_arende a ON a.id = u.arende_id
WHERE a.utfall <> 'sammanslaget'
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX kunskapsbank_statistik_artikel_nyckel
    ON kunskapsbank_statistik_artikel (dag, kommun_id, kanal, forvaltning_id, artikel_id);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("kunskapsbank", "0001_initial"),
        ("arenden", "0006_statistik_sammanstallningar"),
    ]

    operations = [
        migrations.RunSQL(ARENDE, "DROP MATERIALIZED VIEW IF EXISTS kunskapsbank_statistik_arende"),
        migrations.RunSQL(
            ARTIKEL, "DROP MATERIALIZED VIEW IF EXISTS kunskapsbank_statistik_artikel"
        ),
    ]
