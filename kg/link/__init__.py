"""Stage 3, link: one concept for every surface form of one thing.

The curated thesaurus (:mod:`kg.link.thesaurus`) gives the concepts it
knows; :mod:`kg.link.linker` links every mention, figure and turn, and
:mod:`kg.link.ids` mints stable ids for the names no thesaurus knows.
"""
