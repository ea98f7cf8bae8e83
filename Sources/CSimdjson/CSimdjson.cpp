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
  // allocate() keeps the parser's buffers when capacity and depth already fit.
  if (parser->parser.capacity() < length || parser->parser.max_depth() != parser->max_depth) {
    size_t capacity = length < 4096 ? 4096 : length;
    if (simdjson::error_code error = parser->parser.allocate(capacity, parser->max_depth)) {
      return error;
    }
  }
  simdjson::dom::element root;
  return parser->parser.parse(parser->padded.get(), length, false).get(root);
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
