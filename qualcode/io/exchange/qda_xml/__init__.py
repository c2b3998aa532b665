"""Writing REFI-QDA (QDA-XML) files: a whole project (``.qdpx``) and a codebook (``.qdc``) for other tools."""
