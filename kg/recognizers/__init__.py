"""Recognizers: small pipeline components that propose typed spans on a :class:`~kg.doc.Doc`.

Each one reads the document (usually its Simplified view), appends
candidate spans to ``doc.candidates`` and returns the document; overlaps
between them are settled afterwards by :mod:`kg.resolve`.
"""
