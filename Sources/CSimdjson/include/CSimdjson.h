#ifndef CLOUT_CSIMDJSON_H
#define CLOUT_CSIMDJSON_H

// A C face on simdjson's DOM parser for Swift: parse one document, then read simdjson's tape
// and string buffer directly (their layout is simdjson's documented tape format, see
// JSONTape.swift). Everything parsed stays valid until the next parse or destroy.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct clout_json_parser clout_json_parser;

/// A parser that rejects documents nesting deeper than `max_depth` arrays and objects.
/// Returns NULL when memory runs out.
clout_json_parser *clout_json_parser_create(size_t max_depth);
void clout_json_parser_destroy(clout_json_parser *parser);

/// Parses `length` bytes (copied into the parser's padded buffer first, so `bytes` needs no
/// padding). Returns 0 on success, else simdjson's error code (nonzero).
int clout_json_parse(clout_json_parser *parser, const uint8_t *bytes, size_t length);

/// As `clout_json_parse`, reading `bytes` where they are: the caller guarantees that
/// `clout_json_parse_padding()` readable bytes follow the `length` (their values do not matter:
/// simdjson copies the last partial block itself and never takes a padding byte as data).
int clout_json_parse_in_place(clout_json_parser *parser, const uint8_t *bytes, size_t length);
int clout_json_parse_padding(void);

/// simdjson's error code for nesting past the parser's maximum depth, and for invalid UTF-8.
int clout_json_depth_error(void);
int clout_json_utf8_error(void);

/// The tape and string buffer of the last successful parse.
const uint64_t *clout_json_tape(const clout_json_parser *parser);
const uint8_t *clout_json_strings(const clout_json_parser *parser);

/// Drops buffers sized for a document larger than `keep_bytes`, so that one huge line does
/// not keep its memory for the rest of the input.
void clout_json_parser_shrink(clout_json_parser *parser, size_t keep_bytes);

#ifdef __cplusplus
}
#endif

#endif
