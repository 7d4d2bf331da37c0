// A model fitted from the parts of a book through the C ABI: the fitting
// side's conversation (pipecast_parts_fit_*), each part's answer, the merge
// of answers, and the byte blobs they travel in (pipecast_bytes).
#include "book_reading.hpp"
#include "bytes.hpp"
#include "model.hpp"
#include "parts.hpp"

#include "input.hpp"

#include "pipecast/forecast/parts_fit.hpp"

#include <stdexcept>
#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

struct pipecast_parts_fit {
  static constexpr std::uint32_t kTag = 0x54524150u;  // "PART"
  static constexpr const char* kTypeName = "pipecast_parts_fit";
  explicit pipecast_parts_fit(pipecast::PartsFit f) : fit(std::move(f)) {}
  std::uint32_t tag = kTag;
  pipecast::PartsFit fit;
};

struct pipecast_part_worker {
  static constexpr std::uint32_t kTag = 0x4B524F57u;  // "WORK"
  static constexpr const char* kTypeName = "pipecast_part_worker";
  explicit pipecast_part_worker(pipecast::PartAnswerer a) : answerer(std::move(a)) {}
  std::uint32_t tag = kTag;
  pipecast::PartAnswerer answerer;
};

namespace pipecast::capi {
namespace {

// Statistics that cannot go together: answers to another request are the
// caller's mistake, parts of different books a fault of the data.
template <class Body>
auto checked_merge(Body body) {
  try {
    return body();
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    const bool other_book = message.find("stage table") != std::string::npos;
    throw Error(other_book ? PIPECAST_ERROR_INVALID_DATA : PIPECAST_ERROR_INVALID_ARGUMENT, message);
  } catch (const std::logic_error& e) {
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
  }
}

// `answerer`'s answer to the request blob, as a blob in *out.
void answer(PartAnswerer& answerer, const void* request, std::size_t size, pipecast_bytes** out) {
  const std::string_view blob = blob_argument(request, size, "request");
  const StatsRequest r = read_blob([&] { return request_from_bytes(blob, "request"); });
  const PartStats stats = checked_merge([&] {
    try {
      return answerer.answer(r);
    } catch (const PartChangedError& e) {
      throw Error(PIPECAST_ERROR_INVALID_DATA, e.what());
    }
  });
  give_bytes(to_bytes(stats), out);
}

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_parts_fit_begin(const pipecast_fit_options* options, pipecast_parts_fit** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(options, "options");
    require(out, "out");
    const pipecast_fit_options defaults = PIPECAST_FIT_OPTIONS_INIT;
    const pipecast_fit_options o = pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kFitEnds,
                                                                  "options");
    const std::string_view text = pipecast::capi::text_argument(o.model, "options->model", true);
    const std::string name = text.empty() ? std::string(pipecast::kDefaultModel) : std::string(text);
    const pipecast::FitOptions fit = pipecast::capi::fit_options(o);
    if (o.as_of_day == PIPECAST_NO_DAY)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "options->as_of_day must be given: no book says its latest day");
    pipecast::capi::require_in_range(static_cast<std::uint64_t>(std::int64_t{o.as_of_day} - pipecast::kFirstDay), 0,
                                     static_cast<std::uint64_t>(pipecast::kLastDay - pipecast::kFirstDay),
                                     "options->as_of_day");
    std::unique_ptr<pipecast_parts_fit> handle;
    try {
      handle = std::make_unique<pipecast_parts_fit>(pipecast::begin_parts_fit(name, o.as_of_day, fit));
    } catch (const std::invalid_argument& e) {
      throw Error(PIPECAST_ERROR_NOT_FOUND, e.what());
    }
    *out = handle.release();
    return PIPECAST_OK;
  });
}

void pipecast_parts_fit_free(pipecast_parts_fit* fit) { pipecast::capi::destroy(fit); }

int pipecast_parts_fit_done(const pipecast_parts_fit* fit, int* out_done) {
  return guard(__func__, [&] {
    const pipecast_parts_fit& f = live(fit, "fit");
    require(out_done, "out_done");
    *out_done = f.fit.done() ? 1 : 0;
    return PIPECAST_OK;
  });
}

int pipecast_parts_fit_request(const pipecast_parts_fit* fit, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_parts_fit& f = live(fit, "fit");
    require(out, "out");
    if (f.fit.done()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "the fit is done: it has no more requests");
    pipecast::capi::give_bytes(pipecast::to_bytes(f.fit.request()), out);
    return PIPECAST_OK;
  });
}

int pipecast_parts_fit_receive(pipecast_parts_fit* fit, const void* stats, size_t size) {
  return guard(__func__, [&] {
    pipecast_parts_fit& f = live(fit, "fit");
    const std::string_view blob = pipecast::capi::blob_argument(stats, size, "stats");
    const pipecast::PartStats merged = pipecast::capi::read_blob([&] { return pipecast::stats_from_bytes(blob, "stats"); });
    pipecast::capi::checked_merge([&] {
      f.fit.receive(merged);
      return 0;
    });
    return PIPECAST_OK;
  });
}

int pipecast_parts_fit_model(const pipecast_parts_fit* fit, pipecast_model** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_parts_fit& f = live(fit, "fit");
    require(out, "out");
    if (!f.fit.done())
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "the fit is not done: answer its requests first");
    *out = pipecast::capi::new_model(f.fit.model(), false);
    return PIPECAST_OK;
  });
}

int pipecast_part_answer(const pipecast_book* part, const void* request, size_t size, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(part, "part");
    require(out, "out");
    pipecast::capi::require_whole_book(b);
    pipecast::PartAnswerer answerer(b.book);
    pipecast::capi::answer(answerer, request, size, out);
    return PIPECAST_OK;
  });
}

int pipecast_part_worker_new(const pipecast_book* part, pipecast_part_worker** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(part, "part");
    require(out, "out");
    pipecast::capi::require_whole_book(b);
    *out = std::make_unique<pipecast_part_worker>(pipecast::PartAnswerer(b.book)).release();
    return PIPECAST_OK;
  });
}

int pipecast_part_worker_open(const char* path, const pipecast_load_options* options, pipecast_part_worker** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const std::string where(pipecast::capi::text_argument(path, "path"));
    require(out, "out");
    pipecast_load_options first = pipecast::capi::load_options(options);
    // The reads after the first go without the log: the caller's callback
    // and its data need not outlive this call.  The mapping is kept by value.
    const std::string mapping(pipecast::capi::text_argument(first.mapping, "mapping", true));
    pipecast_load_options again = first;
    again.mapping = nullptr;
    again.log = nullptr;
    again.log_user_data = nullptr;
    bool read_once = false;
    auto read = [where, mapping, again, first, read_once]() mutable {
      pipecast_load_options o = read_once ? again : first;
      if (read_once) o.mapping = mapping.c_str();
      read_once = true;
      return pipecast::capi::read_book(where, o);
    };
    *out = std::make_unique<pipecast_part_worker>(pipecast::PartAnswerer::reading(std::move(read))).release();
    return PIPECAST_OK;
  });
}

void pipecast_part_worker_free(pipecast_part_worker* worker) { pipecast::capi::destroy(worker); }

int pipecast_part_worker_answer(pipecast_part_worker* worker, const void* request, size_t size, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    pipecast_part_worker& w = live(worker, "worker");
    require(out, "out");
    pipecast::capi::answer(w.answerer, request, size, out);
    return PIPECAST_OK;
  });
}

int pipecast_part_stats_merge(const void* a, size_t a_size, const void* b, size_t b_size, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(out, "out");
    const std::string_view first = pipecast::capi::blob_argument(a, a_size, "a");
    const std::string_view second = pipecast::capi::blob_argument(b, b_size, "b");
    const pipecast::PartStats x = pipecast::capi::read_blob([&] { return pipecast::stats_from_bytes(first, "a"); });
    const pipecast::PartStats y = pipecast::capi::read_blob([&] { return pipecast::stats_from_bytes(second, "b"); });
    const pipecast::PartStats merged = pipecast::capi::checked_merge([&] { return pipecast::merge_part_stats(x, y); });
    pipecast::capi::give_bytes(pipecast::to_bytes(merged), out);
    return PIPECAST_OK;
  });
}

}  // extern "C"
