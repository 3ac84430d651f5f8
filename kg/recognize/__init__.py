"""Stage 2, recognize: small components over one :class:`~kg.recognize.doc.Doc`.

Each component proposes spans (or turns, figures, an event) and declares its
name, what it assigns and its rank; :mod:`kg.recognize.pipeline` runs them in
order, resolves overlaps and hands the document to linking.
"""
