"""The vocabulary: frozen pydantic models of the things the guidance talks about."""

from peersupport.model._base import FORBIDDEN_KEYS, FrozenModel
from peersupport.model.knowledge import (
    Competency,
    CompetencyDomain,
    CompetencyFramework,
    ModuleKind,
    TrainingCatalogue,
    TrainingModule,
    competency_framework,
    training_catalogue,
)
from peersupport.model.supporter import (
    CompetencyRating,
    ExperienceArea,
    ExperienceRelation,
    LivedExperience,
    Rater,
    RecoveryPath,
    Role,
    SelectionMethod,
    SelfCarePlan,
    Supporter,
    TrainingRecord,
)

__all__ = [
    "FORBIDDEN_KEYS",
    "Competency",
    "CompetencyDomain",
    "CompetencyFramework",
    "CompetencyRating",
    "ExperienceArea",
    "ExperienceRelation",
    "FrozenModel",
    "LivedExperience",
    "ModuleKind",
    "Rater",
    "RecoveryPath",
    "Role",
    "SelectionMethod",
    "SelfCarePlan",
    "Supporter",
    "TrainingCatalogue",
    "TrainingModule",
    "TrainingRecord",
    "competency_framework",
    "training_catalogue",
]
