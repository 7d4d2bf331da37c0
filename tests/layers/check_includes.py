#!/usr/bin/env python3
"""Holds every #include of the repository to the library's layers.

    check_includes.py --root REPO --layers BUILD/generated/layers.txt
    check_includes.py --self-test

The layer map (written by cmake/PipecastLayers.cmake from src/CMakeLists.txt,
one line per layer: `layer: dependency...`) is the one definition of which
layer may include which.  The rules:

- every folder of include/pipecast/ and src/ is a declared layer, and no
  source file sits at their roots;
- a layer's files (include/pipecast/<layer>/, src/<layer>/) include only
  their own layer's headers and those of the layers it depends on;
- public headers include only public headers;
- the clients (the C ABI, the CLI, the benchmarks) include only public
  headers of the C++ library;
- tests reach internal headers through the include path, never by a path
  that climbs out of their folder ("../").

Every included project header must exist, so a moved file cannot hide.
Prints one line per violation (file:line: what) and exits 1 if there is any.
"""
import argparse
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
SOURCE_SUFFIXES = ('.hpp', '.cpp', '.h', '.c', '.inc')


def read_layers(path):
    layers = {}
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            name, sep, rest = line.partition(':')
            if not sep:
                raise SystemExit(f'{path}:{number}: expected "layer: dependency..."')
            layers[name.strip()] = set(rest.split())
    return layers


def sources(folder):
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield os.path.join(base, name)


def includes(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    for match in INCLUDE.finditer(text):
        line = text.count('\n', 0, match.start()) + 1
        yield line, match.group(1), match.group(2)


class Checker:
    def __init__(self, root, layers):
        self.root = root
        self.layers = layers
        self.public = os.path.join(root, 'include', 'pipecast')
        self.internal = os.path.join(root, 'src')
        self.problems = []

    def report(self, path, line, what):
        self.problems.append(f'{os.path.relpath(path, self.root)}:{line}: {what}')

    def resolve(self, path, quote, name):
        """(kind, layer) of a project header: kind 'public' or 'internal';
        None for a header outside the project (system, Boost, gtest...)."""
        if name.startswith('pipecast/') and name != 'pipecast/pipecast.h':
            target = os.path.join(self.root, 'include', name)
            layer = name.split('/')[1] if name.count('/') >= 2 else ''
            return ('public', layer, os.path.isfile(target))
        if quote != '"':
            return None
        local = os.path.normpath(os.path.join(os.path.dirname(path), name))
        if os.path.isfile(local) and not local.startswith(self.internal + os.sep):
            return None  # a header of the includer's own folder (tests, tools)
        internal = os.path.normpath(os.path.join(self.internal, name))
        if os.path.isfile(local) and local.startswith(self.internal + os.sep):
            internal = local
        if os.path.isfile(internal):
            layer = os.path.relpath(internal, self.internal).split(os.sep)[0]
            return ('internal', layer, True)
        return None

    def check_layout(self):
        for top in (self.public, self.internal):
            for entry in sorted(os.listdir(top)):
                full = os.path.join(top, entry)
                if os.path.isdir(full):
                    if entry not in self.layers:
                        self.report(full, 0, f'folder "{entry}" is no declared layer '
                                    '(declare it in src/CMakeLists.txt)')
                elif entry.endswith(SOURCE_SUFFIXES):
                    self.report(full, 0, 'a source file outside any layer folder')

    def check_layer(self, layer):
        allowed = self.layers[layer] | {layer}
        for top, public in ((self.public, True), (self.internal, False)):
            folder = os.path.join(top, layer)
            if not os.path.isdir(folder):
                continue
            for path in sources(folder):
                for line, quote, name in includes(path):
                    found = self.resolve(path, quote, name)
                    if found is None:
                        if quote == '"':
                            self.report(path, line, f'"{name}" does not exist')
                        continue
                    kind, target, exists = found
                    if not exists:
                        self.report(path, line, f'"{name}" does not exist')
                    elif public and kind == 'internal':
                        self.report(path, line, f'public header includes internal "{name}"')
                    elif target not in allowed:
                        self.report(path, line, f'layer {layer} includes "{name}" of layer '
                                    f'{target or "(none)"}, which it does not depend on '
                                    f'(it may use: {", ".join(sorted(allowed))})')

    def check_client(self, folder):
        for path in sources(os.path.join(self.root, folder)):
            for line, quote, name in includes(path):
                found = self.resolve(path, quote, name)
                if found and found[0] == 'internal':
                    self.report(path, line, f'a client includes internal "{name}"')
                elif found and not found[2]:
                    self.report(path, line, f'"{name}" does not exist')

    def check_tests(self, folder):
        for path in sources(os.path.join(self.root, folder)):
            for line, _, name in includes(path):
                if name.startswith('../') or '/../' in name:
                    self.report(path, line, f'"{name}" climbs out of its folder: link '
                                'pipecast_internal_headers and include it by its layer path')

    def run(self):
        self.check_layout()
        for layer in self.layers:
            self.check_layer(layer)
        for client in ('capi', 'tools', 'benchmarks'):
            if os.path.isdir(os.path.join(self.root, client)):
                self.check_client(client)
        if os.path.isdir(os.path.join(self.root, 'tests')):
            self.check_tests('tests')
        return self.problems


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def self_test():
    """The checker on a small tree with one violation of each rule."""
    with tempfile.TemporaryDirectory() as root:
        layers = {'core': set(), 'forecast': {'core'}}
        write(root, 'include/pipecast/core/book.hpp', '#include <vector>\n')
        write(root, 'include/pipecast/forecast/model.hpp',
              '#include "pipecast/core/book.hpp"\n#include "forecast/secret.hpp"\n')
        write(root, 'src/core/book.cpp',
              '#include "pipecast/core/book.hpp"\n#include "pipecast/forecast/model.hpp"\n')
        write(root, 'src/forecast/secret.hpp', '#include "core/gone.hpp"\n')
        write(root, 'src/render/chart.cpp', '\n')
        write(root, 'src/loose.cpp', '\n')
        write(root, 'tools/main.cpp', '#include "forecast/secret.hpp"\n')
        write(root, 'tests/a/a_test.cpp', '#include "../../src/core/book.cpp"\n')
        got = Checker(root, layers).run()
    expected = [
        'src/render:0: folder "render" is no declared layer',
        'src/loose.cpp:0: a source file outside any layer folder',
        'src/core/book.cpp:2: layer core includes "pipecast/forecast/model.hpp" of layer forecast',
        'include/pipecast/forecast/model.hpp:2: public header includes internal "forecast/secret.hpp"',
        'src/forecast/secret.hpp:1: "core/gone.hpp" does not exist',
        'tools/main.cpp:1: a client includes internal "forecast/secret.hpp"',
        'tests/a/a_test.cpp:1: "../../src/core/book.cpp" climbs out of its folder',
    ]
    missing = [e for e in expected if not any(p.startswith(e) for p in got)]
    if missing or len(got) != len(expected):
        print('the checker missed:', *missing, 'it found:', *got, sep='\n  ')
        return 1
    print(f'the checker found all {len(expected)} planted violations')
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--root', help='the repository')
    parser.add_argument('--layers', help='the layer map (build/generated/layers.txt)')
    parser.add_argument('--self-test', action='store_true',
                        help='check the checker on a tree with planted violations')
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.root or not args.layers:
        parser.error('--root and --layers are required')
    problems = Checker(os.path.abspath(args.root), read_layers(args.layers)).run()
    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} include(s) break the layers', file=sys.stderr)
        return 1
    print('every include follows the layers')
    return 0


if __name__ == '__main__':
    sys.exit(main())
