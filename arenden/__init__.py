"""The core: the Ärende, its timeline, ROSA, status, SLA, roles and access."""
