"""Exchange formats: codebooks (JSON, Excel), REFI-QDA projects and pseudonym mappings.

Modules here read and write files into plain values from :mod:`qualcode.core.model`;
the core services apply those values to a project.
"""
