"""Help → User guide, Keyboard shortcuts and About: the app explains itself, offline."""
