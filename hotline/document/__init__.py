"""Bulletins and themed reports as documents: queries -> a plain document model -> one writer per format."""
