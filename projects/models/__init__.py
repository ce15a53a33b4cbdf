from projects.models.funds import (
    FundAllocation,
    FundApplication,
    FundCall,
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
    "FundCall",
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
