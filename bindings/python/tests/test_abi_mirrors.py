"""The ctypes mirrors of pipecast.h, checked against the header itself.

The package declares every struct of the C ABI by hand (pipecast/_library.py),
and a wrong field would not fail: it would read or write the wrong bytes.  So
this test reads the header, writes a small C program that prints each
struct's size and each field's offset and size (sizeof and offsetof, as the
compiler lays them out) and the value of each integer constant, compiles it
with the C compiler of the build, and compares:
  - every struct of the header has a mirror (pipecast_load_options ->
    LoadOptions), with the same fields in the same order, at the same offsets,
    of the same sizes, and the same total size;
  - each mirror's VERSION is the header's PIPECAST_<NAME>_VERSION;
  - the package's constants (ABI version, days, error codes, stage kinds) are
    the header's.

Needs PIPECAST_HEADER (capi/include/pipecast.h) and PIPECAST_C_COMPILER, set
by CTest (bindings/python/CMakeLists.txt); skipped without them.
"""

import ctypes
import os
import re
import subprocess
import tempfile
import unittest

from pipecast import _columns, _core, _errors, _library, _results

HEADER = os.environ.get("PIPECAST_HEADER")
C_COMPILER = os.environ.get("PIPECAST_C_COMPILER")


def without_comments(text):
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def header_structs(text):
    """{"pipecast_counts": ["version", "as_of_day", ...], ...}: every
    `typedef struct NAME { ... } NAME;` of the header, its fields in order."""
    structs = {}
    for name, body in re.findall(r"typedef struct (pipecast_\w+) \{(.*?)\} \1;", without_comments(text), flags=re.S):
        fields = []
        for declaration in filter(None, (d.strip() for d in body.split(";"))):
            # A function pointer names its field inside (*name); anything else
            # names it last.
            match = re.search(r"\(\s*\*\s*(\w+)\s*\)", declaration) or re.search(r"(\w+)\s*$", declaration)
            fields.append(match.group(1))
        structs[name] = fields
    return structs


def header_constants(text):
    """The header's integer constants, as (name, value text): the
    enumerators of its typedef'd enums, and `#define PIPECAST_X value` where
    value is a number or an integer expression in parentheses."""
    value = r"(\(?-?[0-9][-0-9 +()xXa-fA-FuUlL]*\)?)"
    text = without_comments(text)
    defines = re.findall(r"^#define (PIPECAST_[A-Z0-9_]+)[ \t]+" + value + r"[ \t]*$", text, flags=re.M)
    enumerators = re.findall(r"^[ \t]+(PIPECAST_[A-Z0-9_]+) = " + value + r",", text, flags=re.M)
    return defines + enumerators


def header_functions(text):
    """{"pipecast_fit": 3, ...}: every PIPECAST_API function of the header
    and its number of parameters (0 for `(void)`)."""
    functions = {}
    for name, params in re.findall(r"PIPECAST_API[^;(]*?\b(pipecast_\w+)\s*\(([^)]*)\)\s*;", without_comments(text)):
        params = params.strip()
        functions[name] = 0 if params in ("", "void") else params.count(",") + 1
    return functions


def probe_source(structs, constants):
    lines = ["#include <stddef.h>", "#include <stdio.h>", '#include "pipecast.h"', "int main(void) {"]
    for name, fields in structs.items():
        lines.append('  printf("struct %s %%zu\\n", sizeof(%s));' % (name, name))
        for field in fields:
            lines.append('  printf("field %s %s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s*)0)->%s));'
                         % (name, field, name, field, name, field))
    for name, _ in constants:
        lines.append('  printf("constant %s %%lld\\n", (long long)(%s));' % (name, name))
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def run_probe(structs, constants):
    """What the compiler says: {"structs": {name: (size, {field: (offset, size)})},
    "constants": {name: value}}."""
    with tempfile.TemporaryDirectory(prefix="pipecast-abi-probe-") as work:
        source = os.path.join(work, "probe.c")
        program = os.path.join(work, "probe")
        with open(source, "w") as out:
            out.write(probe_source(structs, constants))
        include = os.path.dirname(os.path.abspath(HEADER))
        subprocess.run([C_COMPILER, "-std=c99", "-I", include, source, "-o", program], check=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = subprocess.run([program], check=True, stdout=subprocess.PIPE, text=True).stdout
    laid_out = {"structs": {}, "constants": {}}
    for line in output.splitlines():
        kind, *words = line.split()
        if kind == "struct":
            laid_out["structs"][words[0]] = (int(words[1]), {})
        elif kind == "field":
            laid_out["structs"][words[0]][1][words[1]] = (int(words[2]), int(words[3]))
        else:
            laid_out["constants"][words[0]] = int(words[1])
    return laid_out


def c_name(mirror):
    """LoadOptions -> pipecast_load_options."""
    return "pipecast_" + re.sub(r"(?<!^)(?=[A-Z])", "_", mirror.__name__).lower()


def mirrors():
    """The package's struct mirrors: ctypes.Structure classes with fields."""
    return [value for value in vars(_library).values()
            if isinstance(value, type) and issubclass(value, ctypes.Structure) and getattr(value, "_fields_", None)]


@unittest.skipUnless(HEADER and C_COMPILER, "PIPECAST_HEADER and PIPECAST_C_COMPILER are not set (run through CTest)")
class AbiMirrorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(HEADER) as f:
            text = f.read()
        cls.structs = header_structs(text)
        cls.laid_out = run_probe(cls.structs, header_constants(text))
        cls.constants = cls.laid_out["constants"]

    def test_the_header_is_read(self):
        # A parser that silently found nothing would pass every other test.
        self.assertGreaterEqual(len(self.structs), 18)
        self.assertEqual(self.structs["pipecast_custom_model"], ["version", "name", "win_probability", "user_data"])
        self.assertEqual(self.constants["PIPECAST_ERROR_INVALID_ARGUMENT"], -1)
        self.assertEqual(self.constants["PIPECAST_NO_DAY"], -(2**31))
        self.assertEqual(self.constants["PIPECAST_SECTION_ALL"], 0xFF)  # an enumerator

    def test_every_struct_has_a_mirror_and_every_mirror_a_struct(self):
        self.assertEqual(sorted(c_name(m) for m in mirrors()), sorted(self.structs))

    def test_mirrors_have_the_headers_fields_offsets_and_sizes(self):
        for mirror in mirrors():
            name = c_name(mirror)
            with self.subTest(struct=name):
                size, fields = self.laid_out["structs"][name]
                self.assertEqual([f for f, _ in mirror._fields_], self.structs[name])
                for field, _ in mirror._fields_:
                    described = getattr(mirror, field)
                    self.assertEqual((described.offset, described.size), fields[field], field)
                self.assertEqual(ctypes.sizeof(mirror), size)

    def test_every_function_is_declared_with_the_headers_parameters(self):
        # An undeclared function would take ctypes' default int arguments and
        # result: a pointer or a 64-bit size would be cut silently.
        with open(HEADER) as f:
            functions = header_functions(f.read())
        self.assertIn("pipecast_part_stats_merge", functions)
        self.assertEqual(functions["pipecast_part_stats_merge"], 5)
        for name, count in functions.items():
            with self.subTest(function=name):
                function = getattr(_core.lib, name)
                self.assertIsNotNone(function.argtypes, "%s is not declared in pipecast/_library.py" % name)
                self.assertEqual(len(function.argtypes), count)

    def test_mirrors_have_the_headers_versions(self):
        for mirror in mirrors():
            macro = c_name(mirror).upper() + "_VERSION"
            with self.subTest(macro=macro):
                self.assertEqual(mirror.VERSION, self.constants[macro])

    def test_constants_are_the_headers(self):
        self.assertEqual(_library.ABI_VERSION, self.constants["PIPECAST_ABI_VERSION"])
        self.assertEqual(_core.NO_DAY, self.constants["PIPECAST_NO_DAY"])
        self.assertEqual(_core.DAY_MIN, self.constants["PIPECAST_DAY_MIN"])
        self.assertEqual(_core.DAY_MAX, self.constants["PIPECAST_DAY_MAX"])
        errors = {value: name[len("PIPECAST_ERROR_"):] for name, value in self.constants.items()
                  if name.startswith("PIPECAST_ERROR_")}
        self.assertEqual(_errors.CODE_NAMES, errors)
        kinds = {name[len("PIPECAST_STAGE_"):].lower(): value for name, value in self.constants.items()
                 if name.startswith("PIPECAST_STAGE_") and not name.endswith("_VERSION") and "COLUMNS" not in name}
        self.assertEqual(_columns._STAGE_KINDS, kinds)
        units = {value: name[len("PIPECAST_UNIT_"):].lower() for name, value in self.constants.items()
                 if name.startswith("PIPECAST_UNIT_")}
        self.assertEqual(_results.UNITS, units)


if __name__ == "__main__":
    unittest.main()
