"""What "the model pipecast.fit makes on the whole book" means for a model
fitted from parts (test_parts.py, test_dask.py): for the counting models
(crm, stage, markov), the same model file, byte for byte; for logistic and
auto, whose Newton passes stop at a tolerance, the same kind, day and
choice, and every score within 1e-12 (issue 18: coefficients to 1e-9,
scores to 1e-12; the C++ tests check the coefficients)."""

import math

import pipecast
from pipecast import _parts

# The models whose statistics are counts and exact sums alone.
COUNTING = ("crm", "stage", "markov")


def assert_same_model(test, model, whole, book):
    """`model`, fitted from the parts of `book`, is `whole`, fitted on it."""
    test.assertEqual((model.kind, model.as_of), (whole.kind, whole.as_of))
    if model.kind in COUNTING:
        test.assertEqual(_parts.model_bytes(model), _parts.model_bytes(whole))
        return
    test.assertEqual(model.description, whole.description)
    with model.score(book) as a, whole.score(book) as b:
        test.assertEqual([r.id for r in a.rows()], [r.id for r in b.rows()])
        for x, y in zip(a.win_probability, b.win_probability):
            test.assertTrue(math.isclose(x, y, rel_tol=0.0, abs_tol=1e-12), (x, y))
