"""Coding: applying codes to spans, exploratory notes and memos, and the undoable commands.

Every edit a researcher makes is a :class:`~qualcode.core.coding.undo.Command`
(:mod:`.commands`: one transaction or nothing, with a typed undo record) run
through the undo stack (:mod:`.undo`); the workbench's light reads live in
:mod:`.workbench`.
"""
