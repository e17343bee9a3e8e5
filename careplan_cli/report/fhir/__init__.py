"""Plans as HL7 FHIR R4 Bundles and back (docs/fhir-mapping.md).

:func:`to_bundle` exports (deterministic: no clock, ids namespaced by the organisation's ODS
code), :func:`from_bundle` imports, :func:`code_problems` checks the codes of FHIR's required
bindings that parsers do not check.
"""

from careplan_cli.report.fhir.codes import code_problems
from careplan_cli.report.fhir.export import to_bundle
from careplan_cli.report.fhir.read import ReadBack, from_bundle

__all__ = ["ReadBack", "code_problems", "from_bundle", "to_bundle"]
