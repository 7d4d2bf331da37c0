/// @file
/// A small SVG writer: escaped text and attributes, short numbers, and
/// elements that are always closed in order.  The charts (bar_chart.hpp,
/// funnel_chart.hpp, fan_chart.hpp) are built on it.
#pragma once

#include <concepts>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::render::svg {

/// Escapes text for XML content and attribute values: & < > " and '.
std::string escape(std::string_view text);

/// A coordinate or length: at most two decimals, trailing zeros dropped,
/// never "-0"; a non-finite value is written as 0 (SVG has no NaN, and a
/// broken attribute would hide the whole shape).
std::string number(double value);

/// One attribute: its name and its value, escaped when written.
struct Attribute {
  std::string name;   ///< written as is: a fixed name, never user text
  std::string value;  ///< unescaped; escaped when written
  /// A text value.
  Attribute(std::string_view n, std::string_view v) : name(n), value(v) {}
  /// A text value (a literal).
  Attribute(std::string_view n, const char* v) : name(n), value(v) {}
  /// A number, written as number() writes it.
  Attribute(std::string_view n, double v) : name(n), value(number(v)) {}
  /// An integer, in decimal.
  template <std::integral T>
  Attribute(std::string_view n, T v) : name(n), value(std::to_string(v)) {}
};
/// The attributes of an element, in the order written.
using Attributes = std::vector<Attribute>;

/// Writes one `<svg>` document.  Every element opened is closed by close() in
/// reverse order; finish() throws std::logic_error if one is left open, so a
/// chart cannot come out malformed.
class Writer {
 public:
  /// The root: a viewBox of width x height that scales to its container,
  /// with role="img" and the title as its accessible name.
  Writer(double width, double height, std::string_view title, std::string_view css_class = "chart");

  /// Opens an element that holds others; close() closes it.  Throws
  /// std::logic_error after the document is finished.
  void open(std::string_view tag, const Attributes& attributes = {});
  /// Closes the element opened last.  Throws std::logic_error when none is
  /// open.
  void close();
  /// An element without content: `<rect .../>`.
  void element(std::string_view tag, const Attributes& attributes);
  /// An element holding text (escaped): `<text ...>label</text>`.
  void text(std::string_view tag, const Attributes& attributes, std::string_view content);
  /// Shorthand for a `<text>` at (x, y) with a class and an anchor (start,
  /// middle, end).
  void label(double x, double y, std::string_view content, std::string_view css_class,
             std::string_view anchor = "start");

  /// The document; throws std::logic_error when an element is still open.
  std::string finish();

 private:
  void start_tag(std::string_view tag, const Attributes& attributes);
  std::string out_;
  std::vector<std::string> open_;
  bool finished_ = false;
};

/// Points of a polyline or polygon: "x1,y1 x2,y2 ...".
std::string points(std::initializer_list<std::pair<double, double>> xy);
/// The same from a vector of points.
std::string points(const std::vector<std::pair<double, double>>& xy);

}  // namespace pipecast::render::svg
