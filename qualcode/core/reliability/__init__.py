"""Second analysts: a copy for a second coder, blind coding, merging their work back,
coverage, agreement, consensus and the review of disagreements."""
