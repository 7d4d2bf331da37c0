#include "pipecast/forecast/model_file.hpp"

#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/stage_model.hpp"

#include "forecast/archive_format.hpp"
#include "forecast/loaded_values.hpp"
#include "forecast/model_serialization.hpp"
#include "storage/sealed_file.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>

#include <sstream>
#include <type_traits>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::string_view kWhat = "model";

template <class Model>
void write_params(boost::archive::binary_oarchive& a, const WinModel* win, std::uint32_t version) {
  auto params = static_cast<const Model*>(win)->params();  // field() takes a mutable value
  bounded::field(a, params);
  if constexpr (std::is_same_v<Model, LogisticWinModel>) {
    if (version >= 5) bounded::field(a, params.activities);
    if (version >= 7) bounded::field(a, params.censoring);
  }
}

// The format a model is written in: the oldest that holds it, so that a
// model without activity features, segments' timing or censoring weights
// keeps the bytes it had before them.
std::uint32_t format_version(const FittedModel& model) {
  const auto* logistic = dynamic_cast<const LogisticWinModel*>(&model.win_model());
  if (logistic != nullptr && !logistic->params().censoring.empty()) return 7;
  if (!model.timing().segments().empty() || !model.timing().season().flat()) return 6;
  return logistic != nullptr && !logistic->params().activities.empty() ? 5 : kOldestModelFormatVersion;
}

// A model is used only when every part of it is sound, so that scoring
// indexes its tables without checks: a file is untrusted input.
void refuse_flaw(const std::string& flaw) {
  if (!flaw.empty()) throw std::runtime_error(flaw);
}

std::string archive(const FittedModel& model, std::uint32_t version) {
  const WinModel* win = &model.win_model();
  std::string kind;
  if (dynamic_cast<const CrmWinModel*>(win)) kind = "crm";
  else if (dynamic_cast<const StageWinModel*>(win)) kind = "stage";
  else if (dynamic_cast<const MarkovWinModel*>(win)) kind = "markov";
  else if (dynamic_cast<const LogisticWinModel*>(win)) kind = "logistic";
  else
    throw std::invalid_argument("model " + model.name() +
                                " is not built in and cannot be saved: fit it again instead");
  std::ostringstream out;
  {
    boost::archive::binary_oarchive a(out, kArchiveFlags);
    std::string name = model.name(), description = model.description();
    Day as_of = model.as_of();
    bool crm_timing = model.crm_timing();
    CloseTiming timing = model.timing();
    NewDealFlow flow = model.new_deals();
    double dispersion = model.pipeline_dispersion();
    bounded::fields(a, kind, name, as_of, description, crm_timing, timing, flow, dispersion);
    if (kind == "stage") write_params<StageWinModel>(a, win, version);
    if (kind == "markov") write_params<MarkovWinModel>(a, win, version);
    if (kind == "logistic") write_params<LogisticWinModel>(a, win, version);
    if (version >= 6) archive_segment_fields(a, timing);
  }
  return std::move(out).str();
}

template <class Params, class Model>
std::shared_ptr<const WinModel> read_params(boost::archive::binary_iarchive& a, std::uint32_t format_version) {
  Params params;
  bounded::field(a, params);
  if constexpr (std::is_same_v<Model, LogisticWinModel>) {
    if (format_version >= 5) bounded::field(a, params.activities);
    if (format_version >= 7) bounded::field(a, params.censoring);
  }
  refuse_flaw(params.flaw());
  return std::make_shared<const Model>(std::move(params));
}

FittedModel decode(std::string_view payload, std::uint32_t format_version, std::uint8_t kind_byte,
                   std::string_view origin) {
  if (format_version < kOldestModelFormatVersion)
    throw std::runtime_error(std::string(origin) + ": model file of format " + std::to_string(format_version) +
                             ", written by an earlier pipecast: fit the model again");
  if (kind_byte != kBinaryArchive)
    throw std::runtime_error(std::string(origin) + ": model is damaged: unknown payload kind " +
                             std::to_string(kind_byte));
  try {
    std::istringstream in{std::string(payload)};
    boost::archive::binary_iarchive a(in, kArchiveFlags);
    std::string kind, name, description;
    Day as_of = kNoDay;
    bool crm_timing = false;
    CloseTiming timing;
    NewDealFlow flow;
    double dispersion = 0.0;
    bounded::fields(a, kind, name, as_of, description, crm_timing, timing, flow, dispersion);
    std::shared_ptr<const WinModel> win;
    if (kind == "crm") win = std::make_shared<const CrmWinModel>();
    else if (kind == "stage") win = read_params<StageWinParams, StageWinModel>(a, format_version);
    else if (kind == "markov") win = read_params<MarkovWinParams, MarkovWinModel>(a, format_version);
    else if (kind == "logistic") win = read_params<LogisticWinParams, LogisticWinModel>(a, format_version);
    else throw std::runtime_error("unknown model kind '" + kind + "'");
    if (format_version >= 6) archive_segment_fields(a, timing);
    if (!loaded::day_or_none(as_of)) throw std::runtime_error("the as-of day is outside the calendar");
    if (!loaded::text(name)) throw std::runtime_error("the model's name is not UTF-8 text");
    if (!loaded::text(description)) throw std::runtime_error("the model's description is not UTF-8 text");
    refuse_flaw(timing.flaw());
    refuse_flaw(flow.flaw());
    if (!(dispersion >= 0.0 && dispersion <= kMaxPipelineDispersion))
      throw std::runtime_error("the pipeline's dispersion is out of range");
    return FittedModel(std::move(name), as_of, std::move(description), std::move(win), crm_timing,
                       std::move(timing), std::move(flow), dispersion);
  } catch (const boost::archive::archive_exception& e) {
    throw std::runtime_error(std::string(origin) + ": model is damaged: " + e.what());
  } catch (const std::bad_alloc&) {
    throw std::runtime_error(std::string(origin) + ": model is damaged: a size in it is impossible");
  } catch (const std::length_error&) {
    throw std::runtime_error(std::string(origin) + ": model is damaged: a size in it is impossible");
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(origin) + ": model is damaged: " + e.what());
  }
}

}  // namespace

void save_model(const FittedModel& model, const std::filesystem::path& path) {
  const std::uint32_t version = format_version(model);
  write_sealed_file(path, kModelMagic, version, kBinaryArchive, archive(model, version), kWhat);
}

FittedModel load_model(const std::filesystem::path& path) {
  const SealedPayload sealed = read_sealed_file(path, kModelMagic, kModelFormatVersion, kWhat);
  return decode(sealed.payload, sealed.format_version, sealed.payload_kind, path.string());
}

std::string model_bytes(const FittedModel& model) {
  const std::uint32_t version = format_version(model);
  return sealed_bytes(kModelMagic, version, kBinaryArchive, archive(model, version));
}

FittedModel model_from_bytes(std::string_view bytes, std::string_view origin) {
  const SealedView sealed = parse_sealed_bytes(bytes, kModelMagic, kModelFormatVersion, kWhat, origin);
  return decode(sealed.payload, sealed.format_version, sealed.payload_kind, origin);
}

}  // namespace pipecast
