"""Brev: a scanned letter becomes an ärende with the scan attached."""
