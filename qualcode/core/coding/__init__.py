"""Coding: applying codes to spans, exploratory notes and memos, and the undoable commands.

Every edit a researcher makes is a :class:`~qualcode.core.coding.commands.Command`
run through the undo stack; the workbench's light reads live in :mod:`.workbench`.
"""
