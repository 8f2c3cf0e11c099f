"""Check that a Meltano project is ready to onboard to Meltano Cloud."""

import sys

__version__ = "0.1.0"

# msgspec (the value types, records.py) imports typing_extensions, and with it inspect, ast and
# dis, only to read the type hints of typed decoding, which this package never asks for: 11 ms, a
# tenth of a small project's check. Hidden from msgspec's import alone; msgspec then uses typing's
# own, and jsonschema, which needs typing_extensions, still imports it.
if "msgspec" not in sys.modules and "typing_extensions" not in sys.modules:
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # None: "import fails"
    try:
        import msgspec  # noqa: F401
    finally:
        del sys.modules["typing_extensions"]
