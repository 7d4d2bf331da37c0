#include "pipecast/render/svg.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pipecast::render::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string number(double value) {
  if (!std::isfinite(value)) return "0";
  // Hundredths of a pixel are below what any screen shows; rounding keeps
  // the documents short and byte-stable across platforms.
  const double rounded = std::round(value * 100.0) / 100.0;
  std::array<char, 64> buffer{};
  const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rounded == 0.0 ? 0.0 : rounded,
                               std::chars_format::fixed, 2);
  std::string text(buffer.data(), r.ptr);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

Writer::Writer(double width, double height, std::string_view title, std::string_view css_class) {
  open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
               {"viewBox", "0 0 " + number(width) + " " + number(height)},
               {"width", width},
               {"class", css_class},
               {"role", "img"},
               {"aria-label", title}});
  text("title", {}, title);
}

void Writer::start_tag(std::string_view tag, const Attributes& attributes) {
  if (finished_) throw std::logic_error("svg::Writer: element after finish()");
  out_ += '<';
  out_ += tag;
  for (const Attribute& a : attributes) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += escape(a.value);
    out_ += '"';
  }
}

void Writer::open(std::string_view tag, const Attributes& attributes) {
  start_tag(tag, attributes);
  out_ += '>';
  open_.emplace_back(tag);
}

void Writer::close() {
  if (open_.empty()) throw std::logic_error("svg::Writer: close() with no open element");
  out_ += "</" + open_.back() + ">";
  open_.pop_back();
  if (open_.empty()) finished_ = true;
}

void Writer::element(std::string_view tag, const Attributes& attributes) {
  start_tag(tag, attributes);
  out_ += "/>";
}

void Writer::text(std::string_view tag, const Attributes& attributes, std::string_view content) {
  start_tag(tag, attributes);
  out_ += '>';
  out_ += escape(content);
  out_ += "</";
  out_ += tag;
  out_ += '>';
}

void Writer::label(double x, double y, std::string_view content, std::string_view css_class, std::string_view anchor) {
  Attributes attributes{{"x", x}, {"y", y}, {"class", css_class}};
  if (anchor != "start") attributes.emplace_back("text-anchor", anchor);
  text("text", attributes, content);
}

std::string Writer::finish() {
  if (open_.size() > 1) throw std::logic_error("svg::Writer: <" + open_.back() + "> is still open");
  if (!finished_) close();
  return out_;
}

std::string points(std::initializer_list<std::pair<double, double>> xy) {
  return points(std::vector<std::pair<double, double>>(xy));
}

std::string points(const std::vector<std::pair<double, double>>& xy) {
  std::string out;
  for (const auto& [x, y] : xy) {
    if (!out.empty()) out += ' ';
    out += number(x) + "," + number(y);
  }
  return out;
}

}  // namespace pipecast::render::svg
