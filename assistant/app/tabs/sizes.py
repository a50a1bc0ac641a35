"""What the tabs share about their widgets."""

FILE_TYPES = [".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]
W = 240  # narrowest a form field gets before its row wraps (phones get one field per row)
