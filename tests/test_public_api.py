"""The public surface: ``msp.__all__`` and every sub-module's ``__all__``."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import pkgutil
import subprocess
import sys
import types

import pytest

import msp
import msp.io
import msp.rules


def _order(names: list[str]) -> list[str]:
    """The project's ``__all__`` order (isort style): constants first, then by code point."""
    return sorted(names, key=lambda n: (not n.isupper(), n))


def _modules() -> list[types.ModuleType]:
    # msp.__main__ runs the command line when imported, so it is left out.
    names = [info.name for info in pkgutil.walk_packages(msp.__path__, "msp.") if info.name != "msp.__main__"]
    return [msp] + [importlib.import_module(name) for name in names]


MODULES = _modules()

PUBLIC_MODULES = (
    "msp",
    "msp.errors",
    "msp.codes",
    "msp.codes.mappings",
    "msp.codes.years",
    "msp.model",
    "msp.model.adult",
    "msp.model.capacity",
    "msp.model.concern",
    "msp.model.feedback",
    "msp.model.history",
    "msp.model.organisation",
    "msp.model.outcomes",
    "msp.model.plan",
    "msp.model.privacy",
    "msp.convert",
    "msp.convert.flat",
    "msp.convert.migrate",
    "msp.rules",
    "msp.workflow",
    "msp.workflow.steps",
    "msp.workflow.timescales",
    "msp.io",
    "msp.io.readers",
    "msp.io.batch",
    "msp.io.spreadsheets",
    "msp.reports",
    "msp.reports.sac_return",
    "msp.reports.audit",
    "msp.reports.audit_targets",
    "msp.reports.frames",
    "msp.reports.writers",
    "msp.reports.linked",
    "msp.synth",
    "msp.cli",
)
"""The module paths users may import from: they must keep importing (the layout is documented in docs/layout.md)."""
WITH_ALL = [m for m in MODULES if hasattr(m, "__all__")]


def _public_objects(module: types.ModuleType) -> list[tuple[str, object]]:
    return [
        (name, obj)
        for name in module.__all__
        if inspect.isclass(obj := getattr(module, name)) or inspect.isfunction(obj)
    ]


class TestPackage:
    """``import msp`` works fresh, reads its version from metadata and exports the domain model."""

    def test_import_msp_works_in_a_fresh_interpreter(self):
        code = (
            "import msp, sys; "
            "assert 'hypothesis' not in sys.modules and 'pytest' not in sys.modules; "
            "print(msp.Concern.__name__)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "Concern"

    def test_version_is_read_from_metadata(self):
        version = msp.__version__
        assert isinstance(version, str)
        assert version
        try:
            installed = importlib.metadata.version("making-safeguarding-personal")
        except importlib.metadata.PackageNotFoundError:
            assert version == "0.0.0+unknown"
        else:
            assert version == installed

    def test_unknown_attribute_raises_attribute_error(self):
        with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
            _ = msp.no_such_name

    def test_the_domain_model_is_exported(self):
        for name in (
            "Concern",
            "Adult",
            "InvalidRecord",
            "Problem",
            "from_json",
            "to_json",
            "redact",
            "SCHEMA_VERSION",
            "migrate",
        ):
            assert name in msp.__all__

    def test_the_records_across_concerns_and_organisations_are_exported(self):
        """Issue 14's records: exported by ``msp`` and ``msp.model``, defined in ``msp.model.organisation``."""
        import msp.model  # noqa: PLC0415 - the sub-package, named here for clarity
        import msp.model.organisation  # noqa: PLC0415

        names = (
            "Attendee",
            "CausedEnquiry",
            "ConcernLink",
            "Meeting",
            "OrganisationalEnquiry",
            "ProviderInvolved",
            "RouteChange",
        )
        assert list(msp.model.organisation.__all__) == list(names)
        for name in names:
            assert name in msp.__all__
            assert name in msp.model.__all__
            assert getattr(msp, name) is getattr(msp.model.organisation, name) is getattr(msp.model, name)


class TestTheAdultsFeedbackIsExported:
    """Issue 14 item 7: the adult's feedback records, exported by ``msp`` and ``msp.model`` from
    ``msp.model.feedback``, with their code lists in ``msp.codes``."""

    def test_the_feedback_records_are_exported(self):
        import msp.model  # noqa: PLC0415 - the sub-package, named here for clarity
        import msp.model.feedback  # noqa: PLC0415

        names = ("AdultsFeedback", "FeedbackAnswer")
        assert list(msp.model.feedback.__all__) == list(names)
        for name in names:
            assert name in msp.__all__
            assert name in msp.model.__all__
            assert getattr(msp, name) is getattr(msp.model.feedback, name) is getattr(msp.model, name)

    def test_the_feedback_code_lists_are_exported(self):
        import msp.codes  # noqa: PLC0415

        for name in ("FeedbackAsked", "FeedbackAskedBy", "FeedbackQuestion", "FeedbackRespondent"):
            assert name in msp.codes.__all__
            assert issubclass(getattr(msp.codes, name), msp.codes.CodeList)


RULES_VALIDATE = {("msp.rules", "validate"), ("msp.rules._registry", "validate")}
"""``validate`` in the rules layer takes records only; ``msp.validate`` comes from msp.io."""


class TestAll:
    """``msp.__all__`` and every sub-module's ``__all__``: ordered, resolvable, the same objects."""

    def test_msp_all_is_in_the_project_order(self):
        assert list(msp.__all__) == _order(list(msp.__all__))
        assert msp.__all__[0] == "SCHEMA_VERSION"

    def test_msp_all_has_no_duplicates(self):
        assert len(msp.__all__) == len(set(msp.__all__))

    def test_every_name_in_msp_all_resolves(self):
        for name in msp.__all__:
            assert getattr(msp, name) is not None

    def test_every_public_class_or_function_imported_into_msp_is_in_all(self):
        exported = set(msp.__all__)
        missing = [
            name
            for name, obj in vars(msp).items()
            if not name.startswith("_")
            and (inspect.isclass(obj) or inspect.isfunction(obj))
            and getattr(obj, "__module__", "").startswith("msp")
            and name not in exported
        ]
        assert missing == []

    def test_there_are_sub_modules_with_all(self):
        names = {m.__name__ for m in WITH_ALL}
        assert set(PUBLIC_MODULES) <= names

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_public_module_paths_keep_importing(self, name):
        """The module paths users may import from: each imports in a fresh interpreter and has an ``__all__``."""
        code = f"import importlib; m = importlib.import_module({name!r}); assert isinstance(m.__all__, list)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_package_names_are_the_sub_modules_own(self, name):
        """A package's re-exported names are the same objects as in the module that defines them."""
        module = importlib.import_module(name)
        for public in module.__all__:
            obj = getattr(module, public)
            home = getattr(obj, "__module__", None)
            if isinstance(home, str) and home.startswith("msp.") and home != name and inspect.isclass(obj):
                assert getattr(importlib.import_module(home), obj.__name__) is obj

    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_sub_module_all_resolves(self, module):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"

    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_sub_module_all_is_ordered_without_duplicates(self, module):
        names = list(module.__all__)
        assert names == _order(names)
        assert len(names) == len(set(names))

    @pytest.mark.parametrize("module", [m for m in WITH_ALL if m is not msp], ids=lambda m: m.__name__)
    def test_names_re_exported_by_msp_are_the_same_objects(self, module):
        for name in module.__all__:
            if name in msp.__all__ and (module.__name__, name) not in RULES_VALIDATE:
                assert getattr(msp, name) is getattr(module, name)

    def test_msp_validate_is_the_one_that_takes_dicts(self):
        """msp.validate is msp.io.validate (records or dicts); msp.rules.validate takes records only."""
        assert msp.validate is msp.io.validate
        assert msp.validate is not msp.rules.validate


class TestDocstrings:
    """Every module, public class, function, method and property has a docstring."""

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    def test_every_module_has_a_docstring(self, module):
        assert inspect.getdoc(module)

    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_every_public_class_and_function_has_a_docstring(self, module):
        undocumented = [name for name, obj in _public_objects(module) if not inspect.getdoc(obj)]
        assert undocumented == []

    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_public_methods_and_properties_have_docstrings(self, module):
        undocumented = []
        for name, obj in _public_objects(module):
            if not inspect.isclass(obj):
                continue
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                func = member.__func__ if isinstance(member, classmethod | staticmethod) else member
                # getdoc finds an overridden method's docstring on the base class.
                if (isinstance(func, property) or inspect.isfunction(func)) and not inspect.getdoc(getattr(obj, attr)):
                    undocumented.append(f"{name}.{attr}")
        assert undocumented == []
