"""Open-ended survey answers: importing exports and code sheets, and answers a page at a time."""
