"""KKiK statistics: measures defined once (`matt`), computed in PostgreSQL (`berakna`).

See README.md in this package for how the figures are counted and kept fast.
"""
