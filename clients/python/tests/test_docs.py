"""Every public name of the package says what it is for (generated protobuf modules aside)."""
import inspect
import types

import convd_client as cc


def public_members(obj):
    for name, member in vars(obj).items():
        if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, (property, classmethod))):
            yield name, member


def test_every_public_name_has_a_docstring():
    missing = []
    assert cc.__doc__ and cc.__version__
    for name in cc.__all__:
        obj = getattr(cc, name)
        if isinstance(obj, types.ModuleType) or not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue  # generated pb2 modules, constants
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj) and obj.__module__.startswith("convd_client"):
            for member_name, member in public_members(obj):
                target = member.__func__ if isinstance(member, classmethod) else member
                if not (target.__doc__ or "").strip():
                    missing.append(f"{name}.{member_name}")
    assert missing == []
