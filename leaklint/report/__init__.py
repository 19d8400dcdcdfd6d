"""Output formats: one module each, all consuming the same Finding objects."""
