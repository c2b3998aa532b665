"""The "Journal & memos" window: write, search and browse the reflexive journal and the memos."""
