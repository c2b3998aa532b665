"""The application around the project: typed settings, the user's folders, logging.

Nothing here imports Qt; the GUI reads and writes its settings through
:mod:`qualcode.app.settings`, and both the CLI and the GUI set up logging
through :mod:`qualcode.app.logging`.
"""
