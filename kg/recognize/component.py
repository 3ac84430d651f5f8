"""What a pipeline component is, and what it says about itself.

A component is a callable ``Doc → Doc | None`` that annotates the document it
is given (spaCy's pipeline components, without the framework).  Each one
declares once, beside its code, with :func:`declare`:

* its ``name``, which is the ``source`` of every span it proposes, so a
  wrong span leads straight to the component that made it;
* what it ``assigns`` (entity labels, or ``turns``, ``figures``,
  ``concepts`` …), for readers of the pipeline;
* its ``rank``, the weight of its evidence when candidates of the same
  extent compete (lower wins; ``None`` for a component that proposes no
  candidates), on this scale:

  ====  ==========================================================
  0     curated names (the thesaurus)
  10    names marked by typography (《》 titles, quoted plans and formulas)
  20    names marked by layout or shape (headings, credits, figures)
  30    names found by their head word
  40    echoes of names found elsewhere (propagation, anaphora)
  ====  ==========================================================

* whether its names ``propagate``: whether a name it found once is matched
  again wherever it recurs.

Declarations live in one registry, :data:`DECLARED`, which overlap resolution
and propagation read instead of lists of source names of their own; the
pipeline refuses a component that emits a source it did not declare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from kg.recognize.doc import Doc


@dataclass(frozen=True)
class Declaration:
    """What a component says about itself (see the module docstring)."""

    name: str
    assigns: tuple[str, ...]
    rank: int | None = None
    propagates: bool = False


class Component(Protocol):
    """A pipeline component: annotates a Doc, and returns it (to chain) or None."""

    declaration: Declaration

    def __call__(self, doc: Doc) -> Doc | None: ...


#: Every declared component, by name: the one place resolution and propagation learn about components.
DECLARED: dict[str, Declaration] = {}

_Declarable = TypeVar("_Declarable", bound=Callable[..., object])


class DeclarationError(ValueError):
    """Two components declared under one name, or a component that did not declare itself."""


def register(declaration: Declaration) -> Declaration:
    """Record ``declaration`` in :data:`DECLARED`; a name may not be declared twice differently."""
    known = DECLARED.setdefault(declaration.name, declaration)
    if known != declaration:
        raise DeclarationError(f"component name {declaration.name!r} is declared twice: {known} and {declaration}")
    return declaration


def declare(
    name: str, assigns: tuple[str, ...], *, rank: int | None = None, propagates: bool = False
) -> Callable[[_Declarable], _Declarable]:
    """Class or function decorator: declare a component and register it (see the module docstring)."""
    declaration = register(Declaration(name, assigns, rank, propagates))

    def attach(component: _Declarable) -> _Declarable:
        component.declaration = declaration  # type: ignore[attr-defined]
        return component

    return attach


def declaration_of(component: object) -> Declaration:
    """The declaration of ``component``, or a :class:`DeclarationError` naming it."""
    declaration = getattr(component, "declaration", None)
    if not isinstance(declaration, Declaration):
        raise DeclarationError(f"{component!r} is not a declared pipeline component (see kg.recognize.component)")
    return declaration


def rank_of(source: str) -> int:
    """The evidence rank of spans proposed by the component named ``source``."""
    declaration = DECLARED.get(source)
    if declaration is None or declaration.rank is None:
        raise DeclarationError(f"no declared component proposes candidates as {source!r}")
    return declaration.rank


def propagates(source: str) -> bool:
    """Whether names proposed by the component named ``source`` are matched again wherever they recur."""
    declaration = DECLARED.get(source)
    return declaration is not None and declaration.propagates
