"""Glossary exports other than the flat tables of :mod:`kg.export.rows`: one module per format.

Each writes a list of :class:`kg.export.rows.GlossaryRow` to a text handle, so
that every format of one glossary shows the same terms, the same English and
the same ``draft`` marks.
"""
