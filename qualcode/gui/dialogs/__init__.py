"""Dialogs: each one file, each one job."""
