"""The theme board window: cards to drag between themes, the recurrence table, the map.

The board's state and rules live in Qt-free :mod:`qualcode.core.themes.board`;
these modules only draw it and turn the researcher's gestures into its operations.
"""
