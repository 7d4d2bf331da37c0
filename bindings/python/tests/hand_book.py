"""The hand-made book of the analytics tests (tests/analytics_pipeline_book.hpp,
tests/capi/hand_book.h) as Python columns: every figure the tests expect is
worked out by hand there."""

import datetime

D = datetime.date
AS_OF = D(2024, 3, 31)

STAGES = {
    "pipeline": ["New Business"] * 5 + ["Renewal"] * 3,
    "stage": ["Qualify", "Discover", "Propose", "Closed Won", "Closed Lost", "Due", "Renewed", "Churned"],
    "order": [1, 2, 3, 4, 5, 1, 2, 3],
    "probability": [0.5] * 8,
    "kind": ["open", "open", "open", "won", "lost", "open", "won", "lost"],
}
FX_RATES = {"currency": ["USD", "EUR"], "rate": [1.0, 1.1]}
OPPORTUNITIES = {
    "id": ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"],
    "pipeline": ["New Business"] * 6 + ["Renewal", "New Business"],
    "account": ["Acme"] * 8,
    "owner": ["Ann", "Bob", "Ann", "Bob", "Cat", "Cat", "Ann", "Bob"],
    "product": ["Widget"] * 8,
    "source": ["Web"] * 8,
    "segment": ["SMB"] * 8,
    "amount": [1000, 2000, 500, 300, 800, 1200, 100, 999],
    "currency": ["USD"] * 6 + ["EUR", "USD"],
    "created": [D(2024, 1, 2), D(2024, 1, 10), D(2024, 1, 20), D(2024, 2, 3), D(2024, 2, 10), D(2024, 2, 15),
                D(2024, 3, 1), D(2024, 4, 5)],
    "close_date": [D(2024, 3, 2), D(2024, 2, 23), D(2024, 4, 10), D(2024, 2, 28), D(2024, 3, 1), D(2024, 3, 11),
                   D(2024, 3, 30), D(2024, 6, 30)],
    "stage": ["Closed Won", "Closed Lost", "Closed Won", "Closed Lost", "Qualify", "Closed Won", "Due", "Qualify"],
}
_HISTORY = [
    ("d1", "Qualify", 1, 2), ("d1", "Discover", 1, 12), ("d1", "Propose", 2, 1), ("d1", "Closed Won", 3, 2),
    ("d2", "Qualify", 1, 10), ("d2", "Propose", 1, 24), ("d2", "Closed Lost", 2, 23),
    ("d3", "Qualify", 1, 20), ("d3", "Discover", 1, 23), ("d3", "Qualify", 2, 4), ("d3", "Discover", 2, 11),
    ("d3", "Propose", 2, 19), ("d3", "Closed Won", 4, 10),
    ("d4", "Qualify", 2, 3), ("d4", "Closed Lost", 2, 28),
    ("d5", "Qualify", 2, 10), ("d5", "Qualify", 2, 20),
    ("d6", "Qualify", 2, 15), ("d6", "Discover", 2, 21), ("d6", "Closed Won", 3, 11),
    ("d7", "Due", 3, 1),
    ("d8", "Qualify", 4, 5),
]
HISTORY = {
    "opportunity_id": [h[0] for h in _HISTORY],
    "stage": [h[1] for h in _HISTORY],
    "entered": [D(2024, h[2], h[3]) for h in _HISTORY],
}
