"""Writing REFI-QDA files: a whole project (``.qdpx``) and a codebook (``.qdc``) for other tools."""
