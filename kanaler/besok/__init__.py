"""Besök: reception registration with the visitor types of the Lekeberg report."""
