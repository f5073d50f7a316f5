"""Built-in rule packs shipped with factcheck (package data)."""
