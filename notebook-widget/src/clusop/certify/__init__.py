"""clusop certify: is the fallback signal real on the engine at hand? A fixture suite (queries
built to run natively or to fall back for one known cause) and a Delta feature matrix, run on the
active SparkSession, each executed plan captured as the product captures it and judged by the same
core. ``clusop.certify(spark)`` returns a :class:`CertifyReport`."""

from .report import CertifyReport, FixtureResult, MatrixRow
from .runner import certify

__all__ = ["certify", "CertifyReport", "FixtureResult", "MatrixRow"]


def _callable_package() -> None:
    """``clusop.certify`` names this package once a submodule was imported, and the function
    before: the package is made callable so ``clusop.certify(spark)`` works either way."""
    import sys
    import types

    class _CertifyPackage(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return certify(*args, **kwargs)

    sys.modules[__name__].__class__ = _CertifyPackage


_callable_package()
