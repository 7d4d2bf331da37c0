"""Failures raise pipecast.Error subclasses that are also the built-in
exception a Python caller catches: each test provokes a real failure of the
library and catches it the way a caller who never heard of pipecast would."""

import errno
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import pipecast

REPO = Path(__file__).resolve().parents[3]
SMALL_BOOK = REPO / "tests" / "data" / "small_book"
MALFORMED = REPO / "tests" / "data" / "malformed"
C_COMPILER = os.environ.get("PIPECAST_C_COMPILER")


class BuiltinExceptionTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def _book_with(self, malformed):
        """The small book with one file replaced by a malformed fixture's."""
        book = self.tmp / malformed
        shutil.copytree(SMALL_BOOK, book)
        for f in (MALFORMED / malformed).glob("*.csv"):
            shutil.copy(f, book / f.name)
        return book

    def test_a_bad_csv_file_is_a_value_error(self):
        with self.assertRaises(ValueError) as caught:
            pipecast.Book.load(self._book_with("negative_amount"))
        e = caught.exception
        self.assertIsInstance(e, pipecast.Error)
        self.assertEqual((e.code, e.name), (-2, "PARSE"))
        self.assertIn("opportunities.csv:5:41: amount: must not be negative", str(e))

    def test_a_row_that_breaks_a_rule_is_invalid_data_and_a_value_error(self):
        stages = {"pipeline": ["S", "S"], "stage": ["Open", "Won"], "order": [1, 2], "probability": [0.5, 1.0],
                  "kind": ["open", "won"]}
        opportunities = {"id": ["a"], "created": ["2024-01-02"], "stage": ["Nowhere"]}
        with self.assertRaises(ValueError) as caught:
            pipecast.Book.build(stages, opportunities)
        e = caught.exception
        self.assertIsInstance(e, pipecast.InvalidDataError)
        self.assertEqual((e.code, e.name), (-8, "INVALID_DATA"))
        self.assertIn("opportunities row 0, field stage: unknown stage 'Nowhere'", str(e))

    def test_a_missing_book_is_a_file_not_found_error(self):
        missing = self.tmp / "no-such-book"
        with self.assertRaises(FileNotFoundError) as caught:
            pipecast.Book.load(missing)
        e = caught.exception
        self.assertIsInstance(e, pipecast.MissingFileError)
        self.assertEqual((e.code, e.name, e.errno, e.filename), (-4, "NOT_FOUND", errno.ENOENT, str(missing)))
        self.assertIn(str(missing), str(e))
        self.assertFalse(str(e).startswith("[Errno"), str(e))  # the library's message, undressed

    def test_a_missing_model_file_is_a_file_not_found_error(self):
        with self.assertRaises(FileNotFoundError) as caught:
            pipecast.load_model(self.tmp / "model.pcm")
        self.assertEqual(caught.exception.code, -4)
        self.assertIn("model.pcm", str(caught.exception))

    def test_an_unknown_model_name_is_a_key_error_that_reads_well(self):
        with pipecast.Book.load(SMALL_BOOK) as book, self.assertRaises(KeyError) as caught:
            pipecast.fit(book, model="prophet")
        e = caught.exception
        self.assertIsInstance(e, pipecast.UnknownNameError)
        self.assertEqual((e.code, e.name), (-4, "NOT_FOUND"))
        self.assertIn("known: crm, stage, markov, logistic, auto", str(e))
        self.assertFalse(str(e).startswith(("'", '"')), str(e))  # KeyError's own str() would quote it
        self.assertEqual(str(e), e.message)

    def test_an_unknown_preset_is_a_key_error(self):
        with self.assertRaises(KeyError) as caught:
            pipecast.Book.load(SMALL_BOOK, mapping="nosuchpreset")
        self.assertEqual(caught.exception.code, -4)
        self.assertIn("maven", str(caught.exception))

    def test_a_closed_book_is_a_value_error(self):
        book = pipecast.Book.load(SMALL_BOOK)
        book.close()
        with self.assertRaises(ValueError) as caught:
            book.counts()
        self.assertEqual(caught.exception.code, -1)
        self.assertEqual(str(caught.exception), "this Book is closed")

    def test_every_code_has_its_class(self):
        # OUT_OF_MEMORY cannot be provoked in a test without starving the
        # process: the mapping is checked on its own.
        expected = {-1: ValueError, -2: ValueError, -3: OSError, -6: MemoryError, -7: RuntimeError, -8: ValueError}
        for code, builtin in expected.items():
            e = pipecast._errors.error(code, "message")
            self.assertIsInstance(e, builtin)
            self.assertIsInstance(e, pipecast.Error)
            self.assertEqual((e.code, str(e)), (code, "message"))
        self.assertEqual(type(pipecast._errors.error(-9, "m")), pipecast.CallbackError)
        self.assertEqual(type(pipecast._errors.error(-42, "m")), pipecast.Error)

    def test_errors_pickle_as_themselves(self):
        # An error raised in another process (a Dask worker) is pickled back.
        missing = self.tmp / "no-such-book"
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load(missing)
        errors = [caught.exception, pipecast._errors.error(-4, "unknown model 'x'")]
        errors += [pipecast._errors.error(code, "message %d" % code) for code in (-1, -2, -3, -6, -7, -8, -9, -42)]
        for e in errors:
            with self.subTest(error=type(e).__name__):
                back = pickle.loads(pickle.dumps(e))
                self.assertIs(type(back), type(e))
                self.assertEqual((back.code, back.name, back.message, str(back)), (e.code, e.name, e.message, str(e)))
        back = pickle.loads(pickle.dumps(errors[0]))
        self.assertEqual((back.errno, back.filename), (errno.ENOENT, str(missing)))


@unittest.skipUnless(C_COMPILER, "PIPECAST_C_COMPILER is not set (run through CTest)")
class AbiVersionTest(unittest.TestCase):
    def test_a_library_of_another_abi_version_is_refused_with_both_versions_and_its_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            source, library = Path(tmp) / "other.c", Path(tmp) / "libpipecast.so.1"
            source.write_text('int pipecast_abi_version(void) { return 1; }\n'
                              'const char* pipecast_version(void) { return "1.4.0"; }\n')
            subprocess.run([C_COMPILER, "-shared", "-fPIC", str(source), "-o", str(library)], check=True)
            environment = dict(os.environ, PIPECAST_LIBRARY=str(library))
            run = subprocess.run([sys.executable, "-c", "import pipecast"], env=environment,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("OSError: %s is pipecast 1.4.0 of ABI version 1; this package needs ABI version 0" % library,
                      run.stderr)


if __name__ == "__main__":
    unittest.main()
