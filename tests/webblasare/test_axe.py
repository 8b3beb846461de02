"""The axe helper itself: it must fail a page with a real barrier, also under a strict CSP.

Every other browser test trusts it; a helper that silently found nothing would make them all
pass.
"""

import pytest

# A page with a strict Content-Security-Policy (scripts from the site only, as ours will
# have), an image without alt text, a field without a label and grey text on white.
SIDA_MED_BRISTER = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<title>Prov</title></head><body><main><h1>Prov</h1>
<img src="bild.png"><input id="namn"><p style="color:#aaa">Svag kontrast</p>
</main></body></html>"""


def test_axe_fangar_allvarliga_brister_aven_med_strikt_csp(chromium, axe):
    """Missing alt text, a missing label and weak contrast fail with rule, impact and target."""
    kontext = chromium.new_context()
    try:
        sida = kontext.new_page()
        sida.set_content(SIDA_MED_BRISTER)
        with pytest.raises(AssertionError) as fel:
            axe(sida, "provsidan")
    finally:
        kontext.close()
    rapport = str(fel.value)
    assert "- image-alt (critical): Images must have alternative text" in rapport
    assert "- label (critical)" in rapport
    assert "- color-contrast (serious)" in rapport
    assert "    img: " in rapport and "    #namn: " in rapport
