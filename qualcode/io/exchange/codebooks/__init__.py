"""Codebook files: qualcode's JSON codebook and the Excel codebook, read into and written from
:class:`qualcode.core.model.Codebook` values (the core's ``themes.codebook`` applies them)."""
