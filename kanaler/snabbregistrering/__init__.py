"""The quick registration shared by telefon and besök: one screen, one POST, one outcome.

Not a Django app: the channels that use it (kanaler.telefon, kanaler.besok) own the URLs,
the models and the templates; this package owns the outcome choice, the kategori suggestion
and the one service that turns a quick registration into arenden service calls.
"""
