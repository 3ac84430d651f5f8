"""Glossary exports other than the flat tables of :mod:`kg.glossary`: one module per format.

Each writes a list of :class:`kg.glossary.GlossaryRow` to a text handle, so
that every format of one glossary shows the same terms, the same English and
the same ``draft`` marks.
"""
