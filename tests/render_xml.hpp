// Checks that SVG text is well-formed XML, with Boost.PropertyTree's XML
// parser (rapidxml), for the render tests.
#pragma once

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <cstddef>
#include <sstream>
#include <string>

namespace pipecast::test {

/// The parsed document; throws boost::property_tree::xml_parser_error when
/// the text is not well-formed.
inline boost::property_tree::ptree parse_xml(const std::string& text) {
  std::istringstream in(text);
  boost::property_tree::ptree tree;
  boost::property_tree::read_xml(in, tree);
  return tree;
}

/// How many elements named `tag` the tree holds, at any depth.
inline std::size_t count_elements(const boost::property_tree::ptree& tree, const std::string& tag) {
  std::size_t n = 0;
  for (const auto& [name, child] : tree) n += (name == tag) + count_elements(child, tag);
  return n;
}

/// How many times `needle` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace pipecast::test
