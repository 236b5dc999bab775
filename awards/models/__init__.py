"""Models of the awards app: the catalogue and its dated rule sets, what the rules read (history,
evaluations, discipline, reviews, initiatives), rounds, registrations, nominations, the council and
decisions."""
from awards.models.catalogue import AwardType, Rule, RuleSet  # noqa: F401
from awards.models.history import (  # noqa: F401
    AwardKind, AwardRecord, Discipline, Evaluation, Initiative, ReviewFlag,
)
from awards.models.nominations import (  # noqa: F401
    AwardRound, DossierFile, EligibilityOverride, Nomination, Registration, RegistrationLine,
    RegistrationSummary,
)
from awards.models.council import (  # noqa: F401
    CouncilMember, CouncilSession, Decision, NominationVote, OpenVote, PaperTally, SealedTally, VoteCast,
)
from awards.models.disclosure import Disclosure, DisclosureComment  # noqa: F401,E402
from awards.models.forwarding import Forwarding, ProvinceDecision  # noqa: F401,E402
from awards.models.checks import EligibilityCheck  # noqa: F401,E402
from awards.models.money import BaseSalary, FundSource, RewardFund  # noqa: F401,E402
from awards.models.exemplars import Exemplar  # noqa: F401,E402
from awards.models.outsiders import Outsider  # noqa: F401,E402
