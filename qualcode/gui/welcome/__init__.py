"""The first screen: open a sample project, start a new one, import files, or go back to a recent project."""
