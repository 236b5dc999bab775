"""Models of the campaigns app, one module per area (plan.py; reports live beside it)."""
from campaigns.models.plan import (  # noqa: F401
    ContentItem,
    Goal,
    ImplementationRole,
    LegalBasis,
    Plan,
    PlanKind,
    PlanStatus,
    Recipient,
    SignAuthority,
    Target,
)
