"""Stage 1, text: reading documents as they come and the views the recognizer reads.

Files, folders, globs and JSONL records become :class:`~kg.text.inputs.Source`
documents (encodings detected, HTML pages reduced to their article); the text
is kept exactly as read, and :mod:`kg.text.cleaning` gives the noise-free view,
:mod:`kg.text.script` the same-length Simplified view, :mod:`kg.text.sentences`
the sentences and :mod:`kg.text.words` the word boundaries every later stage
relies on.
"""
