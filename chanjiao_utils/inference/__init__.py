"""Inference for consortium networks: null models, robustness over the synthetic completion, missing data.

One job per module:

- :mod:`.nulls`         draws of the null models (``edges``, ``degree``, ``labels``, ``qap``), seeded per block
- :mod:`.frames`        a graph as the arrays the draws move (:class:`Frame`, :class:`Draw`), brokerage by matrices
- :mod:`.statistics`    the named statistics: the project's measure for the observed value, a fast path for draws
- :mod:`.significance`  the null distribution of each statistic and the ``cug.test``-style table
- :mod:`.qap`           QAP test of the correlation of two tie layers (``sna::qaptest`` of ``gcor``)
- :mod:`.completions`   statistics and findings over the package's seeded synthetic completions
- :mod:`.missing`       statistics and centrality rankings when a share of ties or organisations is missing
- :mod:`.claims`        a test read as higher / lower / as the null gives, and the share of completions agreeing
- :mod:`.figures`       small multiples of null distributions against the observed value
- :mod:`._common`       argument checks, the p-value row, joblib's ``n_jobs``

Every table is tidy (one row per statistic and null model, or statistic and share) and records its seed;
the same seed gives the same table whatever ``n_jobs``.

>>> import networkx as nx
>>> t = significance(nx.karate_club_graph(), ["transitivity"], "edges", draws=100, seed=7)
>>> list(t.columns)
['statistic', 'null_model', 'observed', 'null_mean', 'null_sd', 'p_lower', 'p_upper', 'draws', 'undefined', 'seed']
"""

from __future__ import annotations

from .nulls import NULL_MODELS, rewire
from .qap import gcor, qap, qap_draws, tie_layer
from .significance import default_tests, null_draws, significance
from .statistics import statistic_names, value

__all__ = ["NULL_MODELS", "rewire", "default_tests", "gcor", "null_draws", "qap", "qap_draws", "significance",
           "tie_layer", "statistic_names", "value"]

from .completions import Finding, completion, completions, default_findings  # noqa: E402

__all__ += ["Finding", "completion", "completions", "default_findings"]

from .missing import missing_data, spearman, top_kept  # noqa: E402

__all__ += ["missing_data", "spearman", "top_kept"]

from .claims import claims, group_ei_significance, reading, table_of_draws  # noqa: E402

__all__ += ["claims", "group_ei_significance", "reading", "table_of_draws"]
