#include "CSimdjson.h"

#include <cstring>
#include <memory>
#include <new>

#include <simdjson.h>

struct clout_json_parser {
  explicit clout_json_parser(size_t depth) : max_depth(depth) {}
  size_t max_depth;
  simdjson::dom::parser parser;
  // The input copy simdjson reads: it may read SIMDJSON_PADDING bytes past the end.
  std::unique_ptr<uint8_t[]> padded;
  size_t padded_capacity = 0;
};

extern "C" {

clout_json_parser *clout_json_parser_create(size_t max_depth) {
  return new (std::nothrow) clout_json_parser(max_depth);
}

void clout_json_parser_destroy(clout_json_parser *parser) { delete parser; }

// Sizes the parser's tape and string buffer for `length` bytes (kept when they already fit).
static int clout_json_reserve(clout_json_parser *parser, size_t length) {
  if (parser->parser.capacity() < length || parser->parser.max_depth() != parser->max_depth) {
    size_t capacity = length < 4096 ? 4096 : length;
    if (simdjson::error_code error = parser->parser.allocate(capacity, parser->max_depth)) {
      return error;
    }
  }
  return simdjson::SUCCESS;
}

int clout_json_parse_padding(void) { return simdjson::SIMDJSON_PADDING; }

int clout_json_parse_in_place(clout_json_parser *parser, const uint8_t *bytes, size_t length) {
  if (int error = clout_json_reserve(parser, length)) { return error; }
  simdjson::dom::element root;
  // realloc_if_needed = false: simdjson reads the caller's bytes, padding included, and
  // copies nothing (a 200 MB record would otherwise cost a second 200 MB).
  return parser->parser.parse(bytes, length, false).get(root);
}

int clout_json_parse(clout_json_parser *parser, const uint8_t *bytes, size_t length) {
  if (parser->padded_capacity < length) {
    size_t capacity = length < 4096 ? 4096 : length + length / 4;
    parser->padded.reset(new (std::nothrow) uint8_t[capacity + simdjson::SIMDJSON_PADDING]);
    if (!parser->padded) {
      parser->padded_capacity = 0;
      return simdjson::MEMALLOC;
    }
    parser->padded_capacity = capacity;
  }
  std::memcpy(parser->padded.get(), bytes, length);
  std::memset(parser->padded.get() + length, ' ', simdjson::SIMDJSON_PADDING);
  return clout_json_parse_in_place(parser, parser->padded.get(), length);
}

int clout_json_depth_error(void) { return simdjson::DEPTH_ERROR; }
int clout_json_utf8_error(void) { return simdjson::UTF8_ERROR; }

const uint64_t *clout_json_tape(const clout_json_parser *parser) {
  return parser->parser.doc.tape.get();
}

const uint8_t *clout_json_strings(const clout_json_parser *parser) {
  return parser->parser.doc.string_buf.get();
}

void clout_json_parser_shrink(clout_json_parser *parser, size_t keep_bytes) {
  if (parser->parser.capacity() > keep_bytes) {
    parser->parser = simdjson::dom::parser();
  }
  if (parser->padded_capacity > keep_bytes) {
    parser->padded.reset();
    parser->padded_capacity = 0;
  }
}
}
