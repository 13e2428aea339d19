"""The CPD model: the one package that combines the topics.

Learning development plans (LDPs) feed a team training plan and an organisation-wide
plan; career pathways set each career stage's learning against the PCF domains; the
70:20:10 mix compares what works, what staff want and prefer, and what is on offer with
the model's reference; the evidence matrix puts every source side by side per PCF domain
and scores the domains. :func:`analyse_cpd_model` builds all of it for one cohort,
:func:`published_tables` applies disclosure control and :func:`build_cpd_model_report`
prepares notebook 04 (see ``docs/cpd_model.md``).

Only notebooks, the runner and the command line import this package.

Examples
--------
>>> from cpdresearch import cpd_model
>>> cpd_model.COMPONENTS
('demand', 'voice', 'survey', 'evaluation')
"""
from __future__ import annotations

from .analysis import CpdModelResults, analyse_cpd_model, priority_areas
from .evidence import (ldp_evidence, survey_evidence, voice_evidence, evaluation_evidence, evidence_matrix,
                       priority_scores, weight_sensitivity)
from .mix import MIX_SOURCES, cohens_w, mix_70_20_10, mix_test, offer_mix, survey_activity_mix
from .pathways import career_pathway, career_stages, pathway_topics, stage_activities
from .plans import (ADAPTIVE_SOURCES, adaptive_needs, commissioning_list, domain_coverage, organisation_plan,
                    plan_coverage, preferred_methods, staff_needs, team_plan)
from .reporting import (NOTEBOOK_KEY, CpdModelReport, build_cpd_model_report, cpd_model_figures, reading_guide,
                        write_cpd_model_report)
from .publish import COORDINATED, TABLE_COLUMNS, cpd_model_key_figures, published_tables, suppress_plans
from .coordination import coordinated_attributes, coordinated_cells, forced_cells
from .settings import COMPONENTS, PRIORITY_POINTS, WEIGHTS, CpdModelSettings

__all__ = [
    "CpdModelResults", "analyse_cpd_model", "priority_areas",
    "staff_needs", "team_plan", "organisation_plan", "plan_coverage", "domain_coverage", "preferred_methods",
    "commissioning_list", "adaptive_needs", "ADAPTIVE_SOURCES",
    "career_stages", "career_pathway", "pathway_topics", "stage_activities",
    "MIX_SOURCES", "mix_test", "cohens_w", "survey_activity_mix", "offer_mix", "mix_70_20_10",
    "ldp_evidence", "survey_evidence", "voice_evidence", "evaluation_evidence", "evidence_matrix",
    "priority_scores", "weight_sensitivity",
    "TABLE_COLUMNS", "published_tables", "cpd_model_key_figures", "suppress_plans",
    "COORDINATED", "coordinated_attributes", "coordinated_cells", "forced_cells",
    "COMPONENTS", "PRIORITY_POINTS", "WEIGHTS", "CpdModelSettings",
    "NOTEBOOK_KEY", "CpdModelReport", "build_cpd_model_report", "cpd_model_figures", "write_cpd_model_report",
    "reading_guide",
]
