"""The servicemätning summary view: answered surveys per Stockholm day of the answer, kommun,
kanal and förvaltning, with the sum and number of grades per measure.

Refreshed with the ärende views by `arenden.statistik.berakna.sammanstallning_uppdatera`
(Celery beat); the unique index is what REFRESH … CONCURRENTLY needs.
"""

from django.db import migrations

MATT = ("enkelhet", "tydlighet", "bemotande")

VY = f"""
CREATE MATERIALIZED VIEW servicematning_statistik_dag AS
SELECT a.kommun_id,
       (e.besvarad AT TIME ZONE 'Europe/Stockholm')::date AS dag,
       a.kanal,
       coalesce(a.forvaltning_id, 0) AS forvaltning_id,
       count(DISTINCT e.id) AS enkater,
       {
    ", ".join(
        f"coalesce(sum(s.betyg) FILTER (WHERE s.matt = '{m}'), 0) AS {m}_summa, "
        f"count(s.id) FILTER (WHERE s.matt = '{m}') AS {m}_antal"
        for m in MATT
    )
}
FROM servicematning_enkat e
JOIN arenden_arende a ON a.id = e.arende_id
LEFT JOIN servicematning_svar s ON s.enkat_id = e.id
WHERE e.besvarad IS NOT NULL
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX servicematning_statistik_dag_nyckel
    ON servicematning_statistik_dag (dag, kommun_id, kanal, forvaltning_id);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("servicematning", "0001_enkat"),
        ("arenden", "0006_statistik_sammanstallningar"),
    ]

    operations = [
        migrations.RunSQL(VY, "DROP MATERIALIZED VIEW IF EXISTS servicematning_statistik_dag"),
    ]
