"""The statistics as tables: one definition serves the dashboard, CSV, XLSX and KKiK-rapport.

Cells hold raw values (int, float share 0–1, hours, text); `visa` formats them for people.
Because the page and the files are built from the same `Tabell` objects, an export always
matches what the dashboard showed.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from arenden.models import Kanal, RosaNiva
from arenden.statistik import matt

ANTAL, ANDEL, TIMMAR, TEXT = "antal", "andel", "timmar", "text"
# An SKR servicemätning index, 0–100.
INDEX = "index"
SERVICEMATT = (
    ("enkelhet", gettext_lazy("Enkelhet (index)")),
    ("tydlighet", gettext_lazy("Tydlighet (index)")),
    ("bemotande", gettext_lazy("Bemötande (index)")),
)
VECKODAGAR = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")


@dataclass
class Tabell:
    nyckel: str
    rubrik: str
    kolumner: list[tuple[str, str]]  # (rubrik, typ)
    rader: list[list] = field(default_factory=list)
    definition: str = ""

    @property
    def visade_rader(self) -> list[list[dict]]:
        """The rows formatted for the page; the heatmap's cells also carry their intensity."""
        storst = 0
        if self.nyckel == "veckodag_timme":
            storst = max((v for rad in self.rader for v in rad[1:]), default=0)
        return [
            [
                {
                    "text": visa(varde, typ),
                    "styrka": round(100 * varde / storst) if storst and i else None,
                }
                for i, (varde, (_rubrik, typ)) in enumerate(zip(rad, self.kolumner, strict=True))
            ]
            for rad in self.rader
        ]


def visa(varde, typ: str) -> str:
    """Format one cell in Swedish: 59,6 %, 1 234, 20,8 h, – for no value.

    Rounded first: Django's number_format cuts a float's decimals (0.6667 would be 66,6 %).
    """
    if varde is None:
        return "–"
    if typ == ANDEL:
        return f"{number_format(round(varde * 100, 1), 1, force_grouping=True)} %"
    if typ == TIMMAR:
        return f"{number_format(round(varde, 1), 1, force_grouping=True)} h"
    if typ == ANTAL:
        return number_format(varde, 0, force_grouping=True)
    if typ == INDEX:
        return number_format(round(varde, 1), 1, force_grouping=True)
    return str(varde)


def _kanalnamn(kanal: str) -> str:
    return str(Kanal(kanal).label) if kanal in Kanal.values else kanal


def nyckeltal(s: dict) -> list[tuple[str, str, object, str]]:
    """Return the headline figures: (key, name, value, typ); the dashboard's tiles."""
    return [
        ("antal", _("Ärenden"), s["antal"], ANTAL),
        (
            matt.EPOST_INOM_EN.nyckel,
            str(matt.EPOST_INOM_EN.namn),
            s["epost"]["andel_inom_en_arbetsdag"],
            ANDEL,
        ),
        (
            matt.EPOST_INOM_TVA.nyckel,
            str(matt.EPOST_INOM_TVA.namn),
            s["epost"]["andel_inom_tva_arbetsdagar"],
            ANDEL,
        ),
        (
            matt.EPOST_OBESVARADE.nyckel,
            str(matt.EPOST_OBESVARADE.namn),
            s["epost"]["andel_obesvarade"],
            ANDEL,
        ),
        (
            "epost.median_timmar",
            _("Median tid till första svar"),
            s["epost"]["median_timmar"],
            TIMMAR,
        ),
        ("epost.medel_timmar", _("Medel tid till första svar"), s["epost"]["medel_timmar"], TIMMAR),
        (
            matt.FORSTA_KONTAKT.nyckel,
            str(matt.FORSTA_KONTAKT.namn),
            s["forsta_kontakt"]["andel"],
            ANDEL,
        ),
        (
            matt.ROSA_ESKALERADE.nyckel,
            str(matt.ROSA_ESKALERADE.namn),
            s["rosa"]["andel_1_4_eskalerade"],
            ANDEL,
        ),
        (matt.SLA_INOM.nyckel, str(matt.SLA_INOM.namn), s["sla"]["andel_inom_svarstid"], ANDEL),
        (
            "sla.forsenade_nu.totalt",
            str(matt.SLA_FORSENADE.namn),
            s["sla"]["forsenade_nu"]["totalt"],
            ANTAL,
        ),
        *_tillagg_nyckeltal(s),
    ]


def _tillagg_nyckeltal(s: dict) -> list[tuple[str, str, object, str]]:
    # Always the same tiles, None when a section is absent, so periods line up row by row.
    t, k, sm = s.get("telefon") or {}, s.get("kunskapsbank") or {}, s.get("servicematning") or {}
    return [
        ("telefon.svarsfrekvens", _("Svarsfrekvens telefon"), t.get("svarsfrekvens"), ANDEL),
        (
            "kunskapsbank.andel_med_artikel",
            _("Besvarade med kunskapsartikel"),
            k.get("andel_med_artikel"),
            ANDEL,
        ),
        *(
            (f"servicematning.{m}_index", str(namn), sm.get(f"{m}_index"), INDEX)
            for m, namn in SERVICEMATT
        ),
    ]


def _tidsserie(nyckel: str, rubrik: str, rader: list[dict]) -> Tabell:
    return Tabell(
        nyckel,
        rubrik,
        [
            (_("Period"), TEXT),
            *((_kanalnamn(k), ANTAL) for k in Kanal.values),
            (_("Totalt"), ANTAL),
        ],
        [[r["period"], *(r["per_kanal"][k] for k in Kanal.values), r["antal"]] for r in rader],
        str(matt.VOLYM.definition),
    )


def tabeller(s: dict, foregaende: dict | None = None) -> list[Tabell]:
    """Return every table of the statistics `s` (with the previous period's figures if given)."""
    ut = []
    nyckel = Tabell("nyckeltal", _("Nyckeltal"), [(_("Mått"), TEXT), (_("Värde"), TEXT)])
    if foregaende is not None:
        nyckel.kolumner.append((_("Föregående period"), TEXT))
    for (_k, namn, varde, typ), forra in zip(
        nyckeltal(s), nyckeltal(foregaende) if foregaende else [None] * 99, strict=False
    ):
        rad = [namn, visa(varde, typ)]
        if foregaende is not None:
            rad.append(visa(forra[2], typ))
        nyckel.rader.append(rad)
    ut.append(nyckel)

    e = s["epost"]
    ut.append(
        Tabell(
            "epost",
            _("E-post (KKiK)"),
            [(_("Mått"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
            [
                [_("Inkomna e-postärenden"), e["antal"], None],
                [
                    _("Besvarade inom en arbetsdag"),
                    e["inom_en_arbetsdag"],
                    e["andel_inom_en_arbetsdag"],
                ],
                [
                    _("Besvarade inom två arbetsdagar"),
                    e["inom_tva_arbetsdagar"],
                    e["andel_inom_tva_arbetsdagar"],
                ],
                [_("Ej besvarade"), e["obesvarade"], e["andel_obesvarade"]],
            ],
            str(matt.EPOST_INOM_EN.definition),
        )
    )
    fk = s["forsta_kontakt"]
    ut.append(
        Tabell(
            "forsta_kontakt",
            str(matt.FORSTA_KONTAKT.namn),
            [(_("Kanal"), TEXT), (_("Avslutade"), ANTAL), (_("Lösta"), ANTAL), (_("Andel"), ANDEL)],
            [
                *(
                    [_kanalnamn(r["kanal"]), r["avslutade"], r["losta"], r["andel"]]
                    for r in fk["per_kanal"]
                ),
                [_("Totalt"), fk["avslutade"], fk["losta"], fk["andel"]],
            ],
            str(matt.FORSTA_KONTAKT.definition),
        )
    )
    ut.append(
        Tabell(
            "rosa",
            str(matt.ROSA_FORDELNING.namn),
            [(_("Nivå"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
            [
                [str(RosaNiva(r["niva"]).label), r["antal"], r["andel"]]
                for r in s["rosa"]["per_niva"]
            ],
            str(matt.ROSA_FORDELNING.definition),
        )
    )
    ut.append(
        Tabell(
            "per_kanal",
            _("Ärenden per kanal"),
            [(_("Kanal"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
            [[_kanalnamn(r["kanal"]), r["antal"], r["andel"]] for r in s["volym"]["per_kanal"]],
            str(matt.VOLYM.definition),
        )
    )
    pf = s["per_forvaltning"]
    ut.append(
        Tabell(
            "per_forvaltning",
            str(matt.PER_FORVALTNING.namn),
            [(_("Förvaltning"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
            [
                *([r["forvaltning"], r["antal"], r["andel"]] for r in pf["forvaltningar"]),
                [_("Utan förvaltning"), pf["utan_forvaltning"], None],
            ],
            str(matt.PER_FORVALTNING.definition),
        )
    )
    ut.append(
        Tabell(
            "per_kategori",
            _("Ärenden per kategori"),
            [(_("Kategori"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
            [
                [r["kategori"] or _("Utan kategori"), r["antal"], r["andel"]]
                for r in s["volym"]["per_kategori"]
            ],
            str(matt.VOLYM.definition),
        )
    )
    ut.append(
        Tabell(
            "forsenade",
            str(matt.SLA_FORSENADE.namn),
            [(_("Förvaltning"), TEXT), (_("Antal"), ANTAL)],
            [
                [r["forvaltning"] or _("Utan förvaltning"), r["antal"]]
                for r in s["sla"]["forsenade_nu"]["per_forvaltning"]
            ],
            str(matt.SLA_FORSENADE.definition),
        )
    )
    ut.append(_tidsserie("per_manad", _("Ärenden per månad"), s["volym"]["per_manad"]))
    ut.append(_tidsserie("per_vecka", _("Ärenden per vecka"), s["volym"]["per_vecka"]))
    ut.append(_tidsserie("per_dag", _("Ärenden per dag"), s["volym"]["per_dag"]))
    karta = {(r["veckodag"], r["timme"]): r["antal"] for r in s["volym"]["veckodag_timme"]}
    ut.append(
        Tabell(
            "veckodag_timme",
            _("Ärenden per veckodag och timme"),
            [(_("Veckodag"), TEXT), *((f"{h:02d}", ANTAL) for h in range(24))],
            [[VECKODAGAR[d - 1], *(karta.get((d, h), 0) for h in range(24))] for d in range(1, 8)],
            str(matt.VOLYM.definition),
        )
    )
    ut += _tillagg_tabeller(s)
    if s.get("per_medarbetare") is not None:
        ut.append(
            Tabell(
                "per_medarbetare",
                str(matt.PER_MEDARBETARE.namn),
                [
                    (_("Medarbetare"), TEXT),
                    (_("Ärenden"), ANTAL),
                    (_("Avslutade"), ANTAL),
                    (_("Lösta i första kontakt"), ANTAL),
                    (_("Andel"), ANDEL),
                ],
                [
                    [r["namn"], r["antal"], r["avslutade"], r["losta"], r["andel"]]
                    for r in s["per_medarbetare"]
                ],
                str(matt.PER_MEDARBETARE.definition),
            )
        )
    return ut


def _telefonrader(t: dict) -> list:
    return [
        t["inkommande"],
        t["besvarade"],
        t["missade"],
        t["svarsfrekvens"],
        t["losta_forsta_kontakt"],
        t["andel_losta_forsta_kontakt"],
        t["aterringningar"],
        t["aterringningar_gjorda"],
    ]


def _tillagg_tabeller(s: dict) -> list[Tabell]:
    """The tables of the sections other apps add (telefon, kunskapsbank, servicemätning)."""
    ut = []
    if (t := s.get("telefon")) is not None:
        ut.append(
            Tabell(
                "telefon",
                str(matt.TELEFON.namn),
                [
                    (_("Kö"), TEXT),
                    (_("Inkommande"), ANTAL),
                    (_("Besvarade"), ANTAL),
                    (_("Missade"), ANTAL),
                    (_("Svarsfrekvens"), ANDEL),
                    (_("Lösta i första kontakt"), ANTAL),
                    (_("Andel lösta i första kontakt"), ANDEL),
                    (_("Återuppringningar"), ANTAL),
                    (_("Gjorda återuppringningar"), ANTAL),
                ],
                [
                    *([r["ko"] or _("Utan kö"), *_telefonrader(r)] for r in t["per_ko"]),
                    [_("Totalt"), *_telefonrader(t)],
                ],
                str(matt.TELEFON.definition),
            )
        )
    if (b := s.get("besok")) is not None:
        ut.append(
            Tabell(
                "besok",
                str(matt.BESOK.namn),
                [(_("Besökstyp"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
                [
                    *([r["namn"], r["antal"], r["andel"]] for r in b["per_typ"]),
                    [_("Totalt"), b["antal"], None],
                ],
                str(matt.BESOK.definition),
            )
        )
    if (k := s.get("kunskapsbank")) is not None:
        ut.append(
            Tabell(
                "kunskapsbank",
                str(matt.KUNSKAPSBANK.namn),
                [(_("Mått"), TEXT), (_("Antal"), ANTAL), (_("Andel"), ANDEL)],
                [
                    [
                        _("Ärenden besvarade med artikel"),
                        k["arenden_med_artikel"],
                        k["andel_med_artikel"],
                    ],
                    [_("Varav i första kontakt"), k["forsta_kontakt_med_artikel"], None],
                    [_("Sökningar"), k["sokningar"], None],
                    [_("Sökningar utan träff"), k["sokningar_utan_traff"], None],
                    [
                        _("Sökningar vars träffar inte användes"),
                        k["sokningar_aldrig_anvanda"],
                        None,
                    ],
                ],
                str(matt.KUNSKAPSBANK.definition),
            )
        )
        ut.append(
            Tabell(
                "mest_anvanda_artiklar",
                _("Mest använda kunskapsartiklar"),
                [(_("Artikel"), TEXT), (_("Ärenden"), ANTAL)],
                [[r["fraga"], r["antal"]] for r in k["mest_anvanda"]],
                str(matt.KUNSKAPSBANK.definition),
            )
        )
        ut.append(
            Tabell(
                "kunskapsluckor",
                _("Kunskapsluckor"),
                [
                    (_("Sökning"), TEXT),
                    (_("Antal"), ANTAL),
                    (_("Utan träff"), ANTAL),
                    (_("Träffar som inte användes"), ANTAL),
                ],
                [[r["text"], r["antal"], r["utan_traff"], r["aldrig_anvand"]] for r in k["luckor"]],
                str(matt.KUNSKAPSBANK.definition),
            )
        )
    if (sm := s.get("servicematning")) is not None:

        def rad(namn: str, r: dict) -> list:
            return [
                namn,
                r["antal_svar"],
                *(r[f"{m}_index"] for m, _n in SERVICEMATT),
                *(r[f"{m}_antal"] for m, _n in SERVICEMATT),
            ]

        ut.append(
            Tabell(
                "servicematning",
                str(matt.SERVICEMATNING.namn),
                [
                    (_("Kanal"), TEXT),
                    (_("Besvarade enkäter"), ANTAL),
                    *((str(namn), INDEX) for _m, namn in SERVICEMATT),
                    (_("Svar enkelhet"), ANTAL),
                    (_("Svar tydlighet"), ANTAL),
                    (_("Svar bemötande"), ANTAL),
                ],
                [
                    *(rad(_kanalnamn(r["kanal"]), r) for r in sm["per_kanal"]),
                    rad(_("Totalt"), sm),
                ],
                str(matt.SERVICEMATNING.definition),
            )
        )
    return ut


def kkik_rapport(s: dict) -> Tabell:
    """The e-post and telefon measures of a period in one table, for the annual KKiK report."""
    e = s["epost"]
    rader = [
        [_("Period"), f"{s['period']['fran']} – {s['period']['till']}", TEXT],
        [_("Inkomna e-postärenden"), e["antal"], ANTAL],
        [str(matt.EPOST_INOM_EN.namn), e["andel_inom_en_arbetsdag"], ANDEL],
        [str(matt.EPOST_INOM_TVA.namn), e["andel_inom_tva_arbetsdagar"], ANDEL],
        [str(matt.EPOST_OBESVARADE.namn), e["andel_obesvarade"], ANDEL],
        [_("Median tid till första svar (arbetsdagstimmar)"), e["median_timmar"], TIMMAR],
        [_("Medel tid till första svar (arbetsdagstimmar)"), e["medel_timmar"], TIMMAR],
        [str(matt.FORSTA_KONTAKT.namn), s["forsta_kontakt"]["andel"], ANDEL],
    ]
    telefon = s.get("telefon")
    if telefon:
        rader += [
            [_("Inkommande samtal"), telefon["inkommande"], ANTAL],
            [_("Besvarade samtal"), telefon["besvarade"], ANTAL],
            [_("Missade samtal"), telefon["missade"], ANTAL],
            [_("Svarsfrekvens telefon"), telefon["svarsfrekvens"], ANDEL],
            [_("Samtal lösta i första kontakt"), telefon["losta_forsta_kontakt"], ANTAL],
            [
                _("Andel samtal lösta i första kontakt"),
                telefon["andel_losta_forsta_kontakt"],
                ANDEL,
            ],
            [_("Återuppringningar"), telefon["aterringningar"], ANTAL],
            [_("Gjorda återuppringningar"), telefon["aterringningar_gjorda"], ANTAL],
        ]
    else:
        rader.append(
            [
                str(matt.TELEFON.namn),
                _("Telefonin räknas inte per förvaltning eller annan kanal"),
                TEXT,
            ]
        )
    return Tabell(
        "kkik",
        _("KKiK-rapport"),
        [(_("Mått"), TEXT), (_("Värde"), TEXT)],
        [[namn, varde] for namn, varde, _typ in rader],
        str(matt.EPOST_INOM_EN.definition),
    )


# ---------------------------------------------------------------------------------------
# Files


def som_csv(tabell: Tabell) -> str:
    """Return the table as semicolon-separated CSV (Swedish Excel's default) with a BOM."""
    ut = io.StringIO()
    ut.write("\ufeff")
    skrivare = csv.writer(ut, delimiter=";")
    skrivare.writerow([rubrik for rubrik, _typ in tabell.kolumner])
    for rad in tabell.rader:
        skrivare.writerow(
            [
                "" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else v)
                for v in rad
            ]
        )
    return ut.getvalue()


def _bladnamn(text: str, anvanda: set[str]) -> str:
    namn = "".join(c for c in text if c not in "[]:*?/\\")[:31]
    while namn in anvanda:
        namn = namn[:28] + f"~{len(anvanda)}"
    anvanda.add(namn)
    return namn


def som_xlsx(tabeller_: list[Tabell], *, kkik: Tabell | None, fran: date, till: date) -> bytes:
    """Return an XLSX workbook: the KKiK-rapport first, then one sheet per table."""
    bok = Workbook()
    bok.remove(bok.active)
    anvanda: set[str] = set()
    for tabell in ([kkik] if kkik else []) + tabeller_:
        blad = bok.create_sheet(_bladnamn(tabell.rubrik, anvanda))
        blad.append([tabell.rubrik, f"{fran.isoformat()} – {till.isoformat()}"])
        blad.append([rubrik for rubrik, _typ in tabell.kolumner])
        for rad in tabell.rader:
            blad.append(rad)
            for cell, (_rubrik, typ) in zip(blad[blad.max_row], tabell.kolumner, strict=False):
                if typ == ANDEL or (tabell.nyckel == "kkik" and isinstance(cell.value, float)):
                    cell.number_format = "0.0%"
        if tabell.definition:
            blad.append([])
            blad.append([_("Så räknar vi"), tabell.definition])
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()
