from projects.models.funds import (
    FundAllocation,
    FundApplication,
    FundTotals,
    InternationalFund,
)
from projects.models.money import Currency
from projects.models.partnerships import (
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
    PartnerTown,
)
from projects.models.programmes import FundingProgramme
from projects.models.projects import (
    DECISION_STATUSES,
    GRANTED_STATUSES,
    Project,
    ProjectPartner,
    Status,
)

__all__ = [
    "DECISION_STATUSES",
    "GRANTED_STATUSES",
    "Currency",
    "FundAllocation",
    "FundApplication",
    "FundTotals",
    "FundingProgramme",
    "InternationalFund",
    "PartnerTown",
    "Partnership",
    "PartnershipActivity",
    "PartnershipFunding",
    "Project",
    "ProjectPartner",
    "Status",
]
