"""The teamledare's statistics dashboard, and its export to Excel."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_dashboard_och_xlsx_export(sida, logga_in, axe, skarmbild):
    """The dashboard shows key figures and charts; the XLSX link downloads a real workbook."""
    logga_in("teamledare")
    sida.get_by_role("link", name="Statistik").click()
    expect(sida.locator("h1")).to_have_text("Statistik")
    expect(sida.locator(".nyckeltal li").first).to_be_visible()
    # Chart.js has drawn into the canvas (it sets the canvas' pixel size when it does).
    expect(sida.locator("#diagram-tid")).to_have_attribute("width", re.compile(r"\d+"))
    axe(sida, "statistiken")

    # when: the same figures for this year, then the Excel export.
    sida.get_by_role("link", name="I år").click()
    expect(sida.get_by_role("link", name="I år")).to_have_attribute("aria-current", "true")
    axe(sida, "statistiken, i år")
    skarmbild(sida, "07-statistik")
    with sida.expect_download() as nedladdning:
        sida.get_by_role("link", name="Ladda ner allt som Excel (XLSX) med KKiK-rapport").click()
    fil = nedladdning.value

    # then: a workbook with a KKiK sheet and figures in it.
    assert fil.suggested_filename.endswith(".xlsx")
    with open(fil.path(), "rb") as f:
        bok = load_workbook(io.BytesIO(f.read()), read_only=True)
    assert len(bok.sheetnames) >= 2
    assert any("KKiK" in namn for namn in bok.sheetnames), bok.sheetnames
    rader = sum(1 for namn in bok.sheetnames for _ in bok[namn].iter_rows())
    assert rader > 10
