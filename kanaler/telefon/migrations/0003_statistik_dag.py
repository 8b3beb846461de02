"""The telefon statistics' summary view: calls per Stockholm day and kö.

Refreshed with the ärende views by `arenden.statistik.berakna.sammanstallning_uppdatera`
(Celery beat, every five minutes). The rules mirror kanaler/telefon/statistik.py and
arenden/statistik/matt.py (solved outcomes); changing one needs a migration that recreates
the view. The unique index is what REFRESH … CONCURRENTLY needs.
"""

from django.db import migrations

VY = """
CREATE MATERIALIZED VIEW telefon_statistik_dag AS
SELECT (s.inkom AT TIME ZONE 'Europe/Stockholm')::date AS dag,
       s.ko,
       count(*) AS inkommande,
       count(*) FILTER (WHERE s.besvarat IS NOT NULL) AS besvarade,
       count(*) FILTER (WHERE s.missat IS NOT NULL AND s.besvarat IS NULL) AS missade,
       count(*) FILTER (WHERE s.besvarat IS NOT NULL
                        AND a.utfall IN ('lost_av_kontaktcenter', 'besvarat_med_kunskapsartikel')
                        AND a.eskalerad IS NULL) AS losta_forsta_kontakt,
       count(*) FILTER (WHERE s.aterringning_id IS NOT NULL) AS aterringningar,
       count(*) FILTER (WHERE r.status IN ('besvarad', 'avslutad')) AS aterringningar_gjorda
FROM telefon_samtal s
LEFT JOIN arenden_arende a ON a.id = s.arende_id
LEFT JOIN arenden_arende r ON r.id = s.aterringning_id
WHERE s.inkom IS NOT NULL
GROUP BY 1, 2;
CREATE UNIQUE INDEX telefon_statistik_dag_nyckel ON telefon_statistik_dag (dag, ko);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("telefon", "0002_vaxel_grupp"),
        ("arenden", "0006_statistik_sammanstallningar"),
    ]

    operations = [
        migrations.RunSQL(VY, "DROP MATERIALIZED VIEW IF EXISTS telefon_statistik_dag"),
    ]
