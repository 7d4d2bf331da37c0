"""Finding and declaring libpipecast.so: ctypes only, nothing to compile.

Every function of the C ABI is declared here with its argtypes and restype
(an undeclared 64-bit integer or pointer would be silently truncated), and
every struct of pipecast.h is mirrored field for field.
"""

from __future__ import annotations

import ctypes
import importlib
import os
from pathlib import Path
from typing import Any, Iterator, Optional

ABI_VERSION = 0
_LIBRARY_NAME = "libpipecast.so.%d" % ABI_VERSION

c_int, c_int32, c_uint32, c_int64, c_uint64 = ctypes.c_int, ctypes.c_int32, ctypes.c_uint32, ctypes.c_int64, ctypes.c_uint64
c_double, c_size_t, c_char_p, c_void_p = ctypes.c_double, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_void_p
P = ctypes.POINTER
c_char_pp = P(c_char_p)

# ---- Structs (fields are only ever appended; versions as in pipecast.h) ----


class Counts(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("as_of_day", c_int32),
        ("opportunities", c_uint64),
        ("open", c_uint64),
        ("won", c_uint64),
        ("lost", c_uint64),
        ("missing_amount", c_uint64),
        ("history_rows", c_uint64),
        ("pipelines", c_uint64),
        ("stages", c_uint64),
        ("open_amount", c_double),
        ("weighted_amount", c_double),
        ("won_amount", c_double),
        ("lost_amount", c_double),
    ]


COUNTS_VERSION = Counts.VERSION

LOG_FUNCTION = ctypes.CFUNCTYPE(None, c_void_p, c_int32, c_char_p)
LogFunction = Any  # an instance of LOG_FUNCTION: typeshed types CFUNCTYPE's classes only as type[_CFuncPtr]


class LoadOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("mapping", c_char_p),
        ("log", LOG_FUNCTION),
        ("log_user_data", c_void_p),
        ("max_errors", c_uint32),
    ]


class StageColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("pipeline", c_char_pp),
        ("stage", c_char_pp),
        ("order", P(c_int32)),
        ("probability", P(c_double)),
        ("kind", P(c_int32)),
        ("forecast_category", c_char_pp),
    ]


class FxRateColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint32), ("currency", c_char_pp), ("rate", P(c_double))]


class ProductColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint32), ("product", c_char_pp), ("family", c_char_pp), ("list_price", P(c_double))]


class OpportunityColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("id", c_char_pp),
        ("pipeline", c_char_pp),
        ("account", c_char_pp),
        ("owner", c_char_pp),
        ("product", c_char_pp),
        ("source", c_char_pp),
        ("segment", c_char_pp),
        ("amount", P(c_double)),
        ("currency", c_char_pp),
        ("created", P(c_int32)),
        ("close_date", P(c_int32)),
        ("stage", c_char_pp),
        ("attribute_count", c_size_t),
        ("attribute_names", c_char_pp),
        ("attribute_values", P(c_char_pp)),
    ]


class HistoryColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("opportunity_id", c_char_pp),
        ("stage", c_char_pp),
        ("entered", P(c_int32)),
        ("amount", P(c_double)),
        ("close_date", P(c_int32)),
        ("attribute_count", c_size_t),
        ("attribute_names", c_char_pp),
        ("attribute_values", P(c_char_pp)),
    ]


class LineItemColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("opportunity_id", c_char_pp),
        ("product", c_char_pp),
        ("quantity", P(c_double)),
        ("unit_price", P(c_double)),
    ]


class QuotaColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint32), ("owner", c_char_pp), ("period", c_char_pp), ("amount", P(c_double))]


class ActivityColumns(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("opportunity_id", c_char_pp),
        ("account", c_char_pp),
        ("type", c_char_pp),
        ("date", P(c_int32)),
        ("owner", c_char_pp),
        ("duration_minutes", P(c_double)),
        ("direction", c_char_pp),
        ("outcome", c_char_pp),
    ]


class ScopeOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("as_of_day", c_int32),
        ("period", c_char_p),
        ("pipeline", c_char_p),
        ("filter_count", c_size_t),
        ("filter_fields", c_char_pp),
        ("filter_values", c_char_pp),
        ("cohort", c_int32),
        ("trend_periods", c_int32),
        ("fiscal_start_month", c_int32),
    ]


class ReportOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("sections", c_uint32),
        ("group_by_count", c_size_t),
        ("group_by", c_char_pp),
        ("stall_count", c_size_t),
        ("stall_stages", c_char_pp),
        ("stall_days", P(c_double)),
        ("stall_min_sample", c_uint64),
        ("pattern_min_closed", c_uint64),
        ("pattern_top", c_uint64),
        ("product_prior_deals", c_double),
        ("product_flat_band", c_double),
        ("product_trend_weight", c_double),
        ("cross_sell_top_k", c_uint64),
        ("cross_sell_account", c_char_p),
        ("cross_sell_deal", c_char_p),
        ("cross_sell_min_support", c_uint64),
        ("cross_sell_blend", c_double),
        ("cross_sell_max_pairs", c_uint64),
    ]


class LeadPlanOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint32), ("target", c_double), ("learn_from_day", c_int32), ("learn_until_day", c_int32)]


class WorklistOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint32), ("rows_per_owner", c_uint32), ("time_split_days", c_int32)]


class FitOptions(ctypes.Structure):
    VERSION = 2
    _fields_ = [
        ("version", c_uint32),
        ("model", c_char_p),
        ("as_of_day", c_int32),
        ("log", LOG_FUNCTION),
        ("log_user_data", c_void_p),
        # version 2
        ("activities", c_uint32),
    ]


class ScoreOptions(ctypes.Structure):
    VERSION = 2
    _fields_ = [
        ("version", c_uint32),
        ("as_of_day", c_int32),
        ("explain", c_uint32),
        ("since_day", c_int32),
        ("drivers", c_uint32),
    ]


class ForecastOptions(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("as_of_day", c_int32),
        ("period", c_char_p),
        ("periods", c_uint32),
        ("trials", c_uint64),
        ("seed", c_uint64),
        ("threads", c_uint32),
        ("fiscal_start_month", c_int32),
    ]


class DealFeatures(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("as_of_day", c_int32),
        ("id", c_char_pp),
        ("pipeline", c_char_pp),
        ("stage", c_char_pp),
        ("stage_order", P(c_int32)),
        ("stage_probability", P(c_double)),
        ("days_in_stage", P(c_int32)),
        ("age", P(c_int32)),
        ("amount", P(c_double)),
        ("close_date", P(c_int32)),
        ("regressions", P(c_int32)),
        ("pushes", P(c_int32)),
        ("owner", c_char_pp),
        ("product", c_char_pp),
        ("source", c_char_pp),
        ("segment", c_char_pp),
    ]


WIN_PROBABILITY_FUNCTION = ctypes.CFUNCTYPE(c_int, c_void_p, P(DealFeatures), c_size_t, P(c_double))


class CustomModel(ctypes.Structure):
    VERSION = 1
    _fields_ = [
        ("version", c_uint32),
        ("name", c_char_p),
        ("win_probability", WIN_PROBABILITY_FUNCTION),
        ("user_data", c_void_p),
    ]


class BacktestOptions(ctypes.Structure):
    VERSION = 3
    _fields_ = [
        ("version", c_uint32),
        ("from_day", c_int32),
        ("to_day", c_int32),
        ("every", c_int32),
        ("horizon", c_int32),
        ("horizons", c_uint32),
        ("models", c_char_p),
        ("trials", c_uint64),
        ("seed", c_uint64),
        ("threads", c_uint32),
        ("group_by", c_char_p),
        ("log", LOG_FUNCTION),
        ("log_user_data", c_void_p),
        # version 2
        ("callback_models", c_void_p),  # const pipecast_model* const*
        ("callback_model_count", ctypes.c_size_t),
        # version 3
        ("activities", c_uint32),
    ]


# ---- Opaque handles: distinct pointer types, as in C. ----


class _Book(ctypes.Structure):
    """pipecast_book (a book or an as-of view)."""


class _Builder(ctypes.Structure):
    """pipecast_builder."""


class _Result(ctypes.Structure):
    """pipecast_result."""


class _Table(ctypes.Structure):
    """pipecast_table."""


class _Model(ctypes.Structure):
    """pipecast_model."""


class _Bytes(ctypes.Structure):
    """pipecast_bytes (a request or statistics of a fit from parts)."""


class _PartsFit(ctypes.Structure):
    """pipecast_parts_fit."""


class _PartWorker(ctypes.Structure):
    """pipecast_part_worker."""


BookPointer = P(_Book)
ModelPointer = P(_Model)
BuilderPointer = P(_Builder)
ResultPointer = P(_Result)
TablePointer = P(_Table)
BytesPointer = P(_Bytes)
PartsFitPointer = P(_PartsFit)
PartWorkerPointer = P(_PartWorker)


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    lib.pipecast_version.restype = c_char_p
    B, Bd, R, T, M = BookPointer, BuilderPointer, ResultPointer, TablePointer, ModelPointer
    Bt, PF, PW = BytesPointer, PartsFitPointer, PartWorkerPointer
    signatures = {
        "pipecast_last_error": ([], c_char_p),
        "pipecast_error_string": ([c_int], c_char_p),
        "pipecast_version": ([], c_char_p),
        "pipecast_abi_version": ([], c_int),
        "pipecast_set_max_threads": ([c_uint32], None),
        "pipecast_max_threads": ([], c_uint32),
        "pipecast_date_parse": ([c_char_p, P(c_int32)], c_int),
        "pipecast_date_format": ([c_int32, c_char_p, c_size_t], c_int),
        # Books.
        "pipecast_load_options_init": ([P(LoadOptions), c_uint32], c_int),
        "pipecast_book_load": ([c_char_p, P(LoadOptions), P(B)], c_int),
        "pipecast_book_load_parts": ([c_char_pp, c_size_t, P(LoadOptions), P(B)], c_int),
        "pipecast_book_free": ([B], None),
        "pipecast_counts_init": ([P(Counts), c_uint32], c_int),
        "pipecast_book_count": ([B, c_int32, P(Counts)], c_int),
        "pipecast_book_save_snapshot": ([B, c_char_p, c_int32], c_int),
        "pipecast_book_export_csv": ([B, c_char_p], c_int),
        "pipecast_book_as_of": ([B, c_int32, P(B)], c_int),
        "pipecast_book_view_day": ([B, P(c_int32)], c_int),
        "pipecast_book_latest_day": ([B, P(c_int32)], c_int),
        "pipecast_book_currency": ([B, P(c_char_p)], c_int),
        "pipecast_book_opportunities": ([B, P(T)], c_int),
        # Builder.
        "pipecast_builder_new": ([P(Bd)], c_int),
        "pipecast_builder_free": ([Bd], None),
        "pipecast_stage_columns_init": ([P(StageColumns), c_uint32], c_int),
        "pipecast_fx_rate_columns_init": ([P(FxRateColumns), c_uint32], c_int),
        "pipecast_product_columns_init": ([P(ProductColumns), c_uint32], c_int),
        "pipecast_opportunity_columns_init": ([P(OpportunityColumns), c_uint32], c_int),
        "pipecast_history_columns_init": ([P(HistoryColumns), c_uint32], c_int),
        "pipecast_line_item_columns_init": ([P(LineItemColumns), c_uint32], c_int),
        "pipecast_quota_columns_init": ([P(QuotaColumns), c_uint32], c_int),
        "pipecast_builder_add_stages": ([Bd, P(StageColumns), c_size_t], c_int),
        "pipecast_builder_add_fx_rates": ([Bd, P(FxRateColumns), c_size_t], c_int),
        "pipecast_builder_add_products": ([Bd, P(ProductColumns), c_size_t], c_int),
        "pipecast_builder_add_opportunities": ([Bd, P(OpportunityColumns), c_size_t], c_int),
        "pipecast_builder_add_history": ([Bd, P(HistoryColumns), c_size_t], c_int),
        "pipecast_builder_add_line_items": ([Bd, P(LineItemColumns), c_size_t], c_int),
        "pipecast_builder_add_quotas": ([Bd, P(QuotaColumns), c_size_t], c_int),
        "pipecast_activity_columns_init": ([P(ActivityColumns), c_uint32], c_int),
        "pipecast_builder_add_activities": ([Bd, P(ActivityColumns), c_size_t], c_int),
        "pipecast_builder_finish": ([Bd, P(B)], c_int),
        # Tables and results.
        "pipecast_table_free": ([T], None),
        "pipecast_table_name": ([T, P(c_char_p)], c_int),
        "pipecast_table_shape": ([T, P(c_size_t), P(c_size_t)], c_int),
        "pipecast_table_column_name": ([T, c_size_t, P(c_char_p)], c_int),
        "pipecast_table_column_type": ([T, c_size_t, P(c_int32)], c_int),
        "pipecast_table_column_unit": ([T, c_size_t, P(c_int32)], c_int),
        "pipecast_table_find_column": ([T, c_char_p, P(c_size_t)], c_int),
        "pipecast_table_get_int64": ([T, c_size_t, c_size_t, P(c_int64)], c_int),
        "pipecast_table_get_double": ([T, c_size_t, c_size_t, P(c_double)], c_int),
        "pipecast_table_get_day": ([T, c_size_t, c_size_t, P(c_int32)], c_int),
        "pipecast_table_get_text": ([T, c_size_t, c_size_t, P(c_char_p)], c_int),
        "pipecast_table_read_int64": ([T, c_size_t, c_size_t, P(c_int64), c_size_t], c_int),
        "pipecast_table_read_double": ([T, c_size_t, c_size_t, P(c_double), c_size_t], c_int),
        "pipecast_table_read_day": ([T, c_size_t, c_size_t, P(c_int32), c_size_t], c_int),
        "pipecast_table_read_text": ([T, c_size_t, c_size_t, c_char_pp, c_size_t], c_int),
        "pipecast_table_json": ([T, c_int32, c_char_p, c_size_t, P(c_size_t)], c_int),
        "pipecast_result_free": ([R], None),
        "pipecast_result_kind": ([R, P(c_char_p)], c_int),
        "pipecast_result_json": ([R, c_char_p, c_int32, c_char_p, c_size_t, P(c_size_t)], c_int),
        "pipecast_result_table_count": ([R, P(c_size_t)], c_int),
        "pipecast_result_table_name": ([R, c_size_t, P(c_char_p)], c_int),
        "pipecast_result_table": ([R, c_char_p, P(T)], c_int),
        "pipecast_result_chart_count": ([R, P(c_size_t)], c_int),
        "pipecast_result_chart": ([R, c_size_t, P(c_char_p), P(c_char_p)], c_int),
        # Analytics.
        "pipecast_scope_options_init": ([P(ScopeOptions), c_uint32], c_int),
        "pipecast_report_options_init": ([P(ReportOptions), c_uint32], c_int),
        "pipecast_report": ([B, P(ScopeOptions), P(ReportOptions), P(R)], c_int),
        "pipecast_lead_plan_options_init": ([P(LeadPlanOptions), c_uint32], c_int),
        "pipecast_lead_plan": ([B, P(ScopeOptions), P(LeadPlanOptions), P(R)], c_int),
        "pipecast_activity_effects": ([B, P(ScopeOptions), P(R)], c_int),
        # Forecasting.
        "pipecast_fit_options_init": ([P(FitOptions), c_uint32], c_int),
        "pipecast_fit": ([B, P(FitOptions), P(M)], c_int),
        "pipecast_model_free": ([M], None),
        "pipecast_model_save": ([M, c_char_p], c_int),
        "pipecast_model_load": ([c_char_p, P(M)], c_int),
        "pipecast_model_name": ([M, P(c_char_p)], c_int),
        "pipecast_model_kind": ([M, P(c_char_p)], c_int),
        # Where the next hour goes (the worklist and the time split).
        "pipecast_worklist_options_init": ([P(WorklistOptions), c_uint32], c_int),
        "pipecast_worklist": ([B, P(ScopeOptions), M, P(WorklistOptions), P(R)], c_int),
        "pipecast_model_description": ([M, P(c_char_p)], c_int),
        "pipecast_model_as_of": ([M, P(c_int32)], c_int),
        # Fitting from the parts of a book.
        "pipecast_bytes_data": ([Bt, P(c_void_p), P(c_size_t)], c_int),
        "pipecast_bytes_free": ([Bt], None),
        "pipecast_parts_fit_begin": ([P(FitOptions), P(PF)], c_int),
        "pipecast_parts_fit_free": ([PF], None),
        "pipecast_parts_fit_done": ([PF, P(c_int)], c_int),
        "pipecast_parts_fit_request": ([PF, P(Bt)], c_int),
        "pipecast_parts_fit_receive": ([PF, c_void_p, c_size_t], c_int),
        "pipecast_parts_fit_model": ([PF, P(M)], c_int),
        "pipecast_model_to_bytes": ([M, P(Bt)], c_int),
        "pipecast_model_from_bytes": ([c_void_p, c_size_t, P(M)], c_int),
        "pipecast_part_answer": ([B, c_void_p, c_size_t, P(Bt)], c_int),
        "pipecast_part_worker_new": ([B, P(PW)], c_int),
        "pipecast_part_worker_open": ([c_char_p, P(LoadOptions), P(PW)], c_int),
        "pipecast_part_worker_free": ([PW], None),
        "pipecast_part_worker_answer": ([PW, c_void_p, c_size_t, P(Bt)], c_int),
        "pipecast_part_stats_merge": ([c_void_p, c_size_t, c_void_p, c_size_t, P(Bt)], c_int),
        "pipecast_score_options_init": ([P(ScoreOptions), c_uint32], c_int),
        "pipecast_score": ([M, B, P(ScoreOptions), P(R)], c_int),
        "pipecast_score_count": ([R, P(c_size_t)], c_int),
        "pipecast_score_read": ([R, P(c_double), P(c_double), P(c_int32), c_size_t], c_int),
        "pipecast_forecast_options_init": ([P(ForecastOptions), c_uint32], c_int),
        "pipecast_forecast": ([M, B, P(ForecastOptions), P(R)], c_int),
        "pipecast_forecast_movement": ([M, B, P(ForecastOptions), c_int32, c_uint32, P(R)], c_int),
        # Forecasting from the parts of a book.
        "pipecast_part_forecast": ([M, B, P(ForecastOptions), P(Bt)], c_int),
        "pipecast_forecast_partial_merge": ([c_void_p, c_size_t, c_void_p, c_size_t, P(Bt)], c_int),
        "pipecast_forecast_from_partial": ([M, c_void_p, c_size_t, P(ForecastOptions), P(R)], c_int),
        "pipecast_custom_model_init": ([P(CustomModel), c_uint32], c_int),
        "pipecast_model_from_callback": ([P(CustomModel), P(M)], c_int),
        "pipecast_backtest_options_init": ([P(BacktestOptions), c_uint32], c_int),
        "pipecast_backtest": ([B, P(BacktestOptions), P(R)], c_int),
        # A backtest in blocks of origins.
        "pipecast_backtest_origins": ([B, P(BacktestOptions), c_size_t, c_size_t, P(Bt)], c_int),
        "pipecast_backtest_origin_count": ([P(BacktestOptions), P(c_size_t)], c_int),
        "pipecast_backtest_from_origins": ([P(BacktestOptions), P(c_void_p), P(c_size_t), c_size_t, P(R)], c_int),
    }
    missing = [name for name in signatures if not hasattr(lib, name)]
    if missing:
        raise OSError(
            "%s (pipecast %s) lacks %s: it is older than this package"
            % (lib._name, lib.pipecast_version().decode(), ", ".join(missing))
        )
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype
    return lib


def _installed_location() -> Optional[Path]:
    """Where `cmake --install` put the library, relative to this package."""
    try:
        install = importlib.import_module("._install", __package__)  # written by cmake --install
    except ImportError:
        return None
    return (Path(__file__).resolve().parent / str(install.LIBRARY_DIR) / _LIBRARY_NAME).resolve()


def _candidates() -> Iterator[Path]:
    """Where the library may be, in the order tried: the copy a wheel
    bundles beside this file, PIPECAST_LIBRARY, where `cmake --install` put
    it, the prefix's library folders, the source tree's build folders."""
    here = Path(__file__).resolve().parent
    yield here / _LIBRARY_NAME
    env = os.environ.get("PIPECAST_LIBRARY")
    if env:
        yield Path(env)
    installed = _installed_location()
    if installed is not None:
        yield installed
    # An installed package: <prefix>/lib/python3/dist-packages/pipecast -> <prefix>/lib
    for up in (here.parents[1], here.parents[2], here.parents[3]):
        yield up / _LIBRARY_NAME
    # The source tree: bindings/python/pipecast -> <repo>/build*/capi
    repo = here.parents[2]
    for build in sorted(repo.glob("build*")):
        yield build / "capi" / _LIBRARY_NAME


def _check_abi(lib: ctypes.CDLL, candidate: Path) -> None:
    """Refuses a library of another ABI version before declaring anything:
    its symbols may differ, and the versions are what its user must see."""
    lib.pipecast_abi_version.argtypes, lib.pipecast_abi_version.restype = [], c_int
    lib.pipecast_version.argtypes, lib.pipecast_version.restype = [], c_char_p
    abi = lib.pipecast_abi_version()
    if abi != ABI_VERSION:
        raise OSError(
            "%s is pipecast %s of ABI version %d; this package needs ABI version %d (%s). "
            "Install the pipecast wheel again, or set PIPECAST_LIBRARY to a %s."
            % (candidate, lib.pipecast_version().decode("utf-8", "replace"), abi, ABI_VERSION, _LIBRARY_NAME,
               _LIBRARY_NAME)
        )


path: Optional[Path] = None  # the library loaded


def load_library() -> ctypes.CDLL:
    """Loads the first library found; says every path tried when none is."""
    global path
    tried = []
    for candidate in _candidates():
        tried.append(str(candidate))
        if not candidate.is_file():
            continue
        lib = ctypes.CDLL(str(candidate))
        _check_abi(lib, candidate)
        path = candidate
        return _declare(lib)
    raise OSError("libpipecast not found; set PIPECAST_LIBRARY to its path. Tried:\n  " + "\n  ".join(tried))
