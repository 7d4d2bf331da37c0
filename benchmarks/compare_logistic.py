"""scikit-learn's LogisticRegression (lbfgs) on the rows logistic_peer wrote.

Same rows, same penalty: pipecast minimises sum(log loss) + l2/2 |beta|^2
(intercept unpenalised); scikit-learn minimises C sum(log loss) + 1/2 |w|^2
(intercept unpenalised with lbfgs), so C = 1 / l2.  Fitted on the sparse
matrix and on the dense one (what a pandas get_dummies pipeline hands it).
Run with Debian's interpreter: /usr/bin/python3 compare_logistic.py FILE L2
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss


def read_design(path):
    with open(path, "rb") as f:
        rows, columns, per_row = np.fromfile(f, dtype="<u8", count=3)
        index = np.fromfile(f, dtype="<u4", count=rows * per_row)
        value = np.fromfile(f, dtype="<f8", count=rows * per_row)
        labels = np.fromfile(f, dtype="<f8", count=rows)
    indptr = np.arange(0, rows * per_row + 1, per_row)
    x = sp.csr_matrix((value, index, indptr), shape=(rows, columns))
    x.sum_duplicates()
    return x[:, 1:].tocsr(), labels  # column 0 is pipecast's intercept


def main():
    path, l2 = sys.argv[1], float(sys.argv[2])
    x, y = read_design(path)
    for layout, data in (("sparse", x), ("dense", x.toarray())):
        model = LogisticRegression(C=1.0 / l2, solver="lbfgs", max_iter=10000)
        start = time.perf_counter()
        model.fit(data, y)
        seconds = time.perf_counter() - start
        loss = log_loss(y, model.predict_proba(data)[:, 1])
        print(json.dumps({"tool": "scikit-learn lbfgs " + layout, "rows": int(x.shape[0]),
                          "seconds": round(seconds, 4), "iterations": int(model.n_iter_[0]),
                          "log_loss": round(float(loss), 6)}))


if __name__ == "__main__":
    main()
