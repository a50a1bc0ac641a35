"""File -> pages -> chunks -> commitments. Nothing here knows about chat or the UI."""
