"""Models of the campaigns app, one module per area (plan.py; reports live beside it)."""
from campaigns.models.plan import (  # noqa: F401
    ContentItem,
    Goal,
    ImplementationRole,
    LegalBasis,
    MovementDuration,
    MovementLevel,
    MovementMethod,
    MovementScope,
    Plan,
    PlanKind,
    PlanStatus,
    Recipient,
    SignAuthority,
    Target,
)
from campaigns.models.reports import (  # noqa: F401
    Evidence,
    ItemProgress,
    ItemStatus,
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    ReportVersion,
    TargetResult,
    UnitEmailReminder,
    UnitReport,
)
