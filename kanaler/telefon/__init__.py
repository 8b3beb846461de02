"""Telefon: quick registration of calls and the växel's call events."""
